package io.anju.registry.generate;

import io.anju.common.auth.Credentials;
import io.anju.common.auth.SecretIssuer;
import io.anju.common.model.CameraSpec;
import io.anju.common.model.ChargerDefaults;
import io.anju.common.model.ChargerSpec;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.GateSpec;
import io.anju.common.model.Grid;
import io.anju.common.model.LocationChain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Equips the places with devices: 1–4 charging stations of 10 or 12 ports per charger compound, 2–4 gates and
 * 3–6 cameras per smart-security compound, one crowd counter per zone. Layout comes from the structure random;
 * secrets come from the {@link SecretIssuer} and go to the credentials list only, the registry keeps hashes.
 */
final class Devices {
    /** Weights of 1, 2, 3 and 4 stations per charger compound. */
    private static final int[] STATION_WEIGHTS = {30, 35, 22, 13};

    private final SplittableRandom random;
    private final SecretIssuer secrets;
    private final Hierarchy hierarchy;
    private final Map<String, Grid> grids;
    private final List<Device> devices = new ArrayList<>();
    private final List<Credentials.Entry> credentials = new ArrayList<>();

    Devices(SplittableRandom random, SecretIssuer secrets, Hierarchy hierarchy) {
        this.random = random;
        this.secrets = secrets;
        this.hierarchy = hierarchy;
        this.grids = hierarchy.grids().stream().collect(Collectors.toMap(Grid::id, Function.identity()));
    }

    void equip(List<Compound> compounds, List<CrowdZone> zones) {
        for (int i = 0; i < compounds.size(); i++) {
            Compound compound = compounds.get(i);
            LocationChain at = hierarchy.chain(grids.get(compound.gridId()), compound.id(), null);
            if (compound.chargers()) {
                addChargers(i + 1, at);
            }
            if (compound.security()) {
                addGates(i + 1, at);
                addCameras(i + 1, at);
            }
        }
        for (int z = 0; z < zones.size(); z++) {
            CrowdZone zone = zones.get(z);
            add(Ids.crowdCounter(z + 1), DeviceType.CROWD, hierarchy.chain(grids.get(zone.gridId()), null, zone.id()),
                    null, null, null);
        }
    }

    /**
     * Benchmark devices: 12-port chargers after the district's own devices, dealt round-robin over every charger
     * compound (load-00001 to the first, load-00002 to the second, …), as the district's own chargers are spread:
     * rules keyed by compound then see the district's shape, not one compound holding every load charger.
     */
    void addLoadChargers(int count, List<Compound> compounds) {
        if (count == 0) {
            return;
        }
        List<LocationChain> hosts = compounds.stream().filter(Compound::chargers)
                .map(c -> hierarchy.chain(grids.get(c.gridId()), c.id(), null)).toList();
        for (int n = 1; n <= count; n++) {
            add(Ids.loadCharger(n), DeviceType.CHARGER, hosts.get((n - 1) % hosts.size()), ChargerDefaults.station(12),
                    null, null);
        }
    }

    List<Device> devices() {
        return List.copyOf(devices);
    }

    List<Credentials.Entry> credentials() {
        return List.copyOf(credentials);
    }

    private void addChargers(int compound, LocationChain at) {
        int stations = weighted(STATION_WEIGHTS) + 1;
        for (int s = 1; s <= stations; s++) {
            int ports = random.nextInt(10) < 6 ? 12 : 10;
            add(Ids.charger(compound, s), DeviceType.CHARGER, at, ChargerDefaults.station(ports), null, null);
        }
    }

    private void addGates(int compound, LocationChain at) {
        int gates = 2 + random.nextInt(3);
        for (int g = 1; g <= gates; g++) {
            // Every security compound has at least one pedestrian and one vehicle gate.
            String kind = g == 1 ? "pedestrian" : g == 2 ? "vehicle" : random.nextBoolean() ? "pedestrian" : "vehicle";
            String direction = GateSpec.DIRECTIONS.get(random.nextInt(GateSpec.DIRECTIONS.size()));
            add(Ids.gate(compound, g), DeviceType.GATE, at, null, null, new GateSpec(kind, direction));
        }
    }

    private void addCameras(int compound, LocationChain at) {
        int cameras = 3 + random.nextInt(4);
        for (int c = 1; c <= cameras; c++) {
            String watches = CameraSpec.WATCHES.get(random.nextInt(CameraSpec.WATCHES.size()));
            String building = (1 + random.nextInt(18)) + "号楼";
            add(Ids.camera(compound, c), DeviceType.CAMERA, at, null, new CameraSpec(watches, building), null);
        }
    }

    private void add(String id, DeviceType type, LocationChain at,
                     ChargerSpec charger, CameraSpec camera, GateSpec gate) {
        SecretIssuer.Issued issued = secrets.issue();
        devices.add(new Device(id, type, at, issued.hash(), true, charger, camera, gate));
        credentials.add(new Credentials.Entry(id, type.wireName(), issued.secret()));
    }

    private int weighted(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
