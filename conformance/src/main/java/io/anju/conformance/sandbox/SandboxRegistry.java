package io.anju.conformance.sandbox;

import io.anju.common.model.CameraSpec;
import io.anju.common.model.ChargerSpec;
import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.GateSpec;
import io.anju.common.model.Grid;
import io.anju.common.model.LocationChain;
import io.anju.common.model.SubDistrict;
import io.anju.common.registry.RegistryDocument;

import java.util.List;
import java.util.Map;

/**
 * The sandbox's registry: the devices under test only, in one minimal place chain (a sub-district, a community, a
 * grid, one compound for chargers, gates and cameras, one crowd zone for counters), each with its secret's hash.
 */
public final class SandboxRegistry {
    static final String SUB_DISTRICT = "sd-kit";
    static final String COMMUNITY = "cm-kit";
    static final String GRID = "gd-kit";
    static final String COMPOUND = "cp-kit";
    static final String ZONE = "zone-kit";
    /** A charger as the demo district's: 1 kW per port, the station refusing and limited at the demo's figures. */
    static final int PORT_LIMIT_W = 1000;

    private SandboxRegistry() {
    }

    /**
     * @param hashes       each device's secret hash, by id
     * @param chargerPorts how many ports a charger under test has
     */
    public static RegistryDocument document(List<DeviceUnderTest> devices, Map<String, String> hashes, int chargerPorts) {
        return new RegistryDocument(RegistryDocument.CURRENT_VERSION, 0, "conformance kit",
                List.of(new SubDistrict(SUB_DISTRICT, "认证沙箱", "Conformance sandbox")),
                List.of(new Community(COMMUNITY, "Sandbox community", SUB_DISTRICT)),
                List.of(new Grid(GRID, COMMUNITY, "Conformance kit")),
                List.of(new Compound(COMPOUND, "Sandbox compound", GRID, "Sandbox", true, true, true)),
                List.of(new CrowdZone(ZONE, "Sandbox zone", GRID, 400.0, 800, true, true)),
                devices.stream().map(d -> device(d, hashes.get(d.id()), chargerPorts)).toList());
    }

    private static Device device(DeviceUnderTest d, String hash, int chargerPorts) {
        LocationChain place = d.type() == DeviceType.CROWD
                ? new LocationChain(SUB_DISTRICT, COMMUNITY, GRID, null, ZONE)
                : new LocationChain(SUB_DISTRICT, COMMUNITY, GRID, COMPOUND, null);
        return switch (d.type()) {
            case CHARGER -> new Device(d.id(), d.type(), place, hash, true,
                    new ChargerSpec(chargerPorts, PORT_LIMIT_W, 7800, 8700), null, null);
            case GATE -> new Device(d.id(), d.type(), place, hash, true, null, null, new GateSpec("pedestrian", "both"));
            case CAMERA -> new Device(d.id(), d.type(), place, hash, true, null, new CameraSpec("elevator", "1"), null);
            case CROWD -> new Device(d.id(), d.type(), place, hash, true, null, null, null);
        };
    }
}
