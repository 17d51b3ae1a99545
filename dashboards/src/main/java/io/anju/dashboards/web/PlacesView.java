package io.anju.dashboards.web;

import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Grid;
import io.anju.common.model.SubDistrict;
import io.anju.common.registry.Registry;
import io.anju.dashboards.session.ScopeView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code GET /api/places}: the zones, compounds and units of the registry that a viewer's scope shows. */
public final class PlacesView {
    private final Registry registry;
    private final Map<String, ZoneLayout.Box> layout;
    private final Map<String, List<String>> stationsByCompound;

    public PlacesView(Registry registry) {
        this.registry = registry;
        this.layout = ZoneLayout.of(List.copyOf(registry.zones()));
        this.stationsByCompound = registry.devicesOfType(DeviceType.CHARGER).stream()
                .filter(d -> d.location().compoundId() != null)
                .collect(Collectors.groupingBy(d -> d.location().compoundId(), LinkedHashMap::new,
                        Collectors.mapping(Device::id, Collectors.toList())));
    }

    public Map<String, Object> of(ScopeView scope) {
        List<Map<String, Object>> zones = new ArrayList<>();
        for (CrowdZone z : registry.zones()) {
            if (scope.seesZone(z.id())) {
                zones.add(zone(z));
            }
        }
        List<Map<String, Object>> compounds = new ArrayList<>();
        for (Compound c : registry.compounds()) {
            if (scope.seesCompound(c.id())) {
                compounds.add(compound(c));
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

    private Map<String, Object> zone(CrowdZone z) {
        ZoneLayout.Box box = layout.get(z.id());
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

    private Map<String, Object> compound(Compound c) {
        String communityId = registry.grid(c.gridId()).map(Grid::communityId).orElse(null);
        String subDistrictId = communityId == null ? null
                : registry.community(communityId).map(Community::subDistrictId).orElse(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("gridId", c.gridId());
        m.put("communityId", communityId);
        m.put("subDistrictId", subDistrictId);
        m.put("stations", stationsByCompound.getOrDefault(c.id(), List.of()));
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
