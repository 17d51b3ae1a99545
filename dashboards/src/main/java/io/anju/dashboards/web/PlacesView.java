package io.anju.dashboards.web;

import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Grid;
import io.anju.common.model.SubDistrict;
import io.anju.common.registry.Registry;
import io.anju.dashboards.registry.PerRevision;
import io.anju.dashboards.session.ScopeView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code GET /api/places}: the zones, compounds and units of the registry in use that a viewer's scope shows. The
 * schematic and the stations of each compound are worked out once per registry revision.
 */
public final class PlacesView {
    private final PerRevision<Prepared> prepared;

    /** One registry with what is worked out from it, so that an answer never mixes two revisions. */
    private record Prepared(Registry registry, Map<String, ZoneLayout.Box> layout,
                            Map<String, List<String>> stationsByCompound) {

        static Prepared of(Registry registry) {
            return new Prepared(registry, ZoneLayout.of(List.copyOf(registry.zones())),
                    registry.devicesOfType(DeviceType.CHARGER).stream()
                            .filter(d -> d.location().compoundId() != null)
                            .collect(Collectors.groupingBy(d -> d.location().compoundId(), LinkedHashMap::new,
                                    Collectors.mapping(Device::id, Collectors.toList()))));
        }
    }

    public PlacesView(Supplier<Registry> registry) {
        this.prepared = new PerRevision<>(registry, Prepared::of);
    }

    public Map<String, Object> of(ScopeView scope) {
        Prepared p = prepared.get();
        Registry registry = p.registry();
        List<Map<String, Object>> zones = new ArrayList<>();
        for (CrowdZone z : registry.zones()) {
            if (scope.seesZone(z.id())) {
                zones.add(zone(z, p));
            }
        }
        List<Map<String, Object>> compounds = new ArrayList<>();
        for (Compound c : registry.compounds()) {
            if (scope.seesCompound(c.id())) {
                compounds.add(compound(c, p));
            }
        }
        List<Map<String, Object>> grids = new ArrayList<>();
        Set<String> communityIds = new LinkedHashSet<>();
        for (Grid g : registry.grids()) {
            if (scope.seesGrid(g.id())) {
                grids.add(ordered("id", g.id(), "communityId", g.communityId()));
                communityIds.add(g.communityId());
            }
        }
        List<Map<String, Object>> communities = new ArrayList<>();
        Set<String> subDistrictIds = new LinkedHashSet<>();
        for (Community c : registry.communities()) {
            if (communityIds.contains(c.id())) {
                communities.add(ordered("id", c.id(), "name", c.name(), "subDistrictId", c.subDistrictId()));
                subDistrictIds.add(c.subDistrictId());
            }
        }
        List<Map<String, Object>> subDistricts = new ArrayList<>();
        for (SubDistrict s : registry.subDistricts()) {
            if (subDistrictIds.contains(s.id())) {
                subDistricts.add(ordered("id", s.id(), "name", s.name(), "nameEn", s.nameEn()));
            }
        }
        Map<String, Object> places = new LinkedHashMap<>();
        places.put("zones", zones);
        places.put("compounds", compounds);
        places.put("grids", grids);
        places.put("communities", communities);
        places.put("subDistricts", subDistricts);
        return places;
    }

    private static Map<String, Object> zone(CrowdZone z, Prepared p) {
        ZoneLayout.Box box = p.layout().get(z.id());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", z.id());
        m.put("name", z.name());
        m.put("gridId", z.gridId());
        m.put("areaM2", z.areaM2());
        m.put("capacity", z.capacity());
        m.put("entrance", z.entrance());
        m.put("x", box.x());
        m.put("y", box.y());
        m.put("w", box.w());
        m.put("h", box.h());
        return m;
    }

    private static Map<String, Object> compound(Compound c, Prepared p) {
        Registry registry = p.registry();
        String communityId = registry.grid(c.gridId()).map(Grid::communityId).orElse(null);
        String subDistrictId = communityId == null ? null
                : registry.community(communityId).map(Community::subDistrictId).orElse(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("gridId", c.gridId());
        m.put("communityId", communityId);
        m.put("subDistrictId", subDistrictId);
        m.put("stations", p.stationsByCompound().getOrDefault(c.id(), List.of()));
        return m;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
