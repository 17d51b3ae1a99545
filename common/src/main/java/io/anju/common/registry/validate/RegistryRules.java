package io.anju.common.registry.validate;

import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.Grid;
import io.anju.common.model.SubDistrict;

import java.util.List;
import java.util.function.Function;

/**
 * The rules a registry's places and devices follow: unique ids, every reference pointing at an existing place, each
 * device's location chain agreeing with the places, and each device carrying the attributes of its type. Every
 * problem is found, each naming the file and the field path, e.g.
 * {@code registry.json: devices[12].location.gridId: unknown grid 'g-999'}. It knows the model only; the registry
 * ({@code RegistryValidator}) turns the problems into its exception.
 */
public final class RegistryRules {
    private RegistryRules() {
    }

    /**
     * @param source how to name the file in messages (usually its path)
     * @return every problem, in file order; empty when the registry may be used
     */
    public static List<String> problems(String source, List<SubDistrict> subDistricts, List<Community> communities,
                                        List<Grid> grids, List<Compound> compounds, List<CrowdZone> zones,
                                        List<Device> devices) {
        Problems problems = new Problems(source);
        Places places = new Places(
                new IdIndex<>("subDistricts", subDistricts, SubDistrict::id, problems),
                new IdIndex<>("communities", communities, Community::id, problems),
                new IdIndex<>("grids", grids, Grid::id, problems),
                new IdIndex<>("compounds", compounds, Compound::id, problems),
                new IdIndex<>("zones", zones, CrowdZone::id, problems));
        new IdIndex<>("devices", devices, Device::id, problems);
        references("communities", communities, Community::subDistrictId, "subDistrictId", "sub-district",
                places.subDistricts()::contains, problems);
        references("grids", grids, Grid::communityId, "communityId", "community",
                places.communities()::contains, problems);
        references("compounds", compounds, Compound::gridId, "gridId", "grid", places.grids()::contains, problems);
        references("zones", zones, CrowdZone::gridId, "gridId", "grid", places.grids()::contains, problems);
        zoneFigures(zones, problems);
        DeviceRules rules = new DeviceRules(places, problems);
        if (devices != null) {
            for (int i = 0; i < devices.size(); i++) {
                rules.check("devices[" + i + "]", devices.get(i));
            }
        }
        return problems.all();
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
