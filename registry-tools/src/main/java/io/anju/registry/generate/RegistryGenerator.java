package io.anju.registry.generate;

import io.anju.common.auth.SecretIssuer;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.registry.RegistryDocument;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates a registry in the shape of Lianhu District: 9 real sub-districts, 131 communities, 364 grids,
 * 424 charger compounds, 25 smart-security compounds and the Beiyuanmen street's crowd zones, with their devices.
 * Everything but secrets and hashes is a pure function of the seed.
 */
public final class RegistryGenerator {
    private RegistryGenerator() {
    }

    public static GeneratedRegistry generate(GeneratorOptions options) {
        SplittableRandom root = new SplittableRandom(options.seed());
        ChineseNames names = new ChineseNames(root.split());
        Hierarchy hierarchy = Hierarchy.build(root.split(), names);
        List<Compound> compounds = Compounds.build(root.split(), hierarchy, names);
        List<CrowdZone> zones = CrowdZones.build(root.split(), hierarchy);
        SecretIssuer secrets = options.seededSecrets() ? SecretIssuer.seeded(options.seed()) : SecretIssuer.secure();
        Devices devices = new Devices(root.split(), secrets, hierarchy);
        devices.equip(compounds, zones);
        devices.addLoadChargers(options.loadDevices(), compounds);
        RegistryDocument document = new RegistryDocument(RegistryDocument.CURRENT_VERSION, options.seed(),
                note(options.seed()), hierarchy.subDistricts(), hierarchy.communities(), hierarchy.grids(),
                compounds, zones, devices.devices());
        return new GeneratedRegistry(document, devices.credentials());
    }

    private static String note(long seed) {
        return String.format(Locale.ROOT, "Generated from seed %d in the shape of Lianhu District, Xi'an: the 9 "
                + "sub-district names and the counts (131 communities, 364 grids, %d charger compounds, %d smart-security "
                + "compounds) are real; communities per sub-district, community, compound and zone names, addresses, "
                + "grid workers, zone areas and device layouts are estimates (estimated=true), not survey data. Zone capacity = round(area m2 x %.1f "
                + "persons/m2). Device secrets are not in this file, only salted hashes.",
                seed, LianhuShape.CHARGER_COMPOUNDS, LianhuShape.SECURITY_COMPOUNDS, CrowdZones.CAPACITY_DENSITY);
    }
}
