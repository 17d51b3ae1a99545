package io.anju.common.registry.validate;

import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.Grid;
import io.anju.common.model.SubDistrict;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryException;

import java.util.List;
import java.util.function.Function;

/**
 * Checks a parsed registry before anyone relies on it: the version, unique ids, that every reference points at
 * an existing place, that each device's location chain agrees with the places, and that each device carries
 * the attributes of its type. All problems are reported at once, each naming the file and the field path,
 * e.g. {@code registry.json: devices[12].location.gridId: unknown grid 'g-999'}.
 */
public final class RegistryValidator {
    private RegistryValidator() {
    }

    /**
     * @param source how to name the file in messages (usually its path)
     * @throws RegistryException listing every problem found
     */
    public static void validate(RegistryDocument doc, String source) {
        Problems problems = new Problems(source);
        if (doc == null) {
            problems.add("$", "empty document");
            problems.throwIfAny();
            return;
        }
        if (doc.version() != RegistryDocument.CURRENT_VERSION) {
            problems.add("version", "unsupported registry version " + doc.version()
                    + " (this build reads version " + RegistryDocument.CURRENT_VERSION + ")");
        }
        Places places = new Places(
                new IdIndex<>("subDistricts", doc.subDistricts(), SubDistrict::id, problems),
                new IdIndex<>("communities", doc.communities(), Community::id, problems),
                new IdIndex<>("grids", doc.grids(), Grid::id, problems),
                new IdIndex<>("compounds", doc.compounds(), Compound::id, problems),
                new IdIndex<>("zones", doc.zones(), CrowdZone::id, problems));
        new IdIndex<>("devices", doc.devices(), Device::id, problems);
        references("communities", doc.communities(), Community::subDistrictId, "subDistrictId", "sub-district",
                places.subDistricts()::contains, problems);
        references("grids", doc.grids(), Grid::communityId, "communityId", "community",
                places.communities()::contains, problems);
        references("compounds", doc.compounds(), Compound::gridId, "gridId", "grid", places.grids()::contains, problems);
        references("zones", doc.zones(), CrowdZone::gridId, "gridId", "grid", places.grids()::contains, problems);
        zoneFigures(doc.zones(), problems);
        DeviceRules rules = new DeviceRules(places, problems);
        if (doc.devices() != null) {
            for (int i = 0; i < doc.devices().size(); i++) {
                rules.check("devices[" + i + "]", doc.devices().get(i));
            }
        }
        problems.throwIfAny();
    }

    private static <T> void references(String field, List<T> items, Function<T, String> ref, String refField,
                                       String kind, Function<String, Boolean> exists, Problems problems) {
        if (items == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            if (item == null) {
                continue;
            }
            String target = ref.apply(item);
            if (target == null || target.isBlank()) {
                problems.add(field + "[" + i + "]." + refField, "missing");
            } else if (!exists.apply(target)) {
                problems.add(field + "[" + i + "]." + refField, "unknown " + kind + " '" + target + "'");
            }
        }
    }

    private static void zoneFigures(List<CrowdZone> zones, Problems problems) {
        if (zones == null) {
            return;
        }
        for (int i = 0; i < zones.size(); i++) {
            CrowdZone zone = zones.get(i);
            if (zone == null) {
                continue;
            }
            if (!(zone.areaM2() > 0)) {
                problems.add("zones[" + i + "].areaM2", "must be positive, was " + zone.areaM2());
            }
            if (zone.capacity() <= 0) {
                problems.add("zones[" + i + "].capacity", "must be positive, was " + zone.capacity());
            }
        }
    }
}
