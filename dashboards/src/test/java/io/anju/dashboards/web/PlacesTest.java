package io.anju.dashboards.web;

import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Grid;
import io.anju.common.registry.Registry;
import io.anju.dashboards.session.ScopeView;
import io.anju.dashboards.session.Viewer;
import io.anju.dashboards.testing.Places;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/places per role on the generated Lianhu registry: each person gets their unit and nothing else. */
class PlacesTest {
    private final Registry registry = Places.registry();
    private final PlacesView places = new PlacesView(() -> registry);

    @Test
    void theDistrictSeesEverything() {
        Map<String, Object> p = places.of(scope(Viewer.DISTRICT_OPERATOR, "lianhu"));
        assertThat(ids(p, "zones")).hasSize(14);
        assertThat(ids(p, "compounds")).hasSize(registry.compounds().size());
        assertThat(ids(p, "grids")).hasSize(364);
        assertThat(ids(p, "communities")).hasSize(131);
        assertThat(ids(p, "subDistricts")).hasSize(9);
    }

    @Test
    void theEmergencyManagerSeesTheStreetOfTheirSubDistrictButNoCompounds() {
        String beiyuanmen = subDistrictOfGrid(registry.zones().iterator().next().gridId());
        Map<String, Object> p = places.of(scope(Viewer.EMERGENCY_MANAGER, beiyuanmen));
        assertThat(ids(p, "zones")).containsExactlyElementsOf(registry.zones().stream().map(CrowdZone::id).toList());
        assertThat(ids(p, "compounds")).isEmpty();
        assertThat(ids(p, "subDistricts")).containsExactly(beiyuanmen);
        assertThat(ids(p, "grids")).isNotEmpty()
                .allSatisfy(g -> assertThat(subDistrictOfGrid(g)).isEqualTo(beiyuanmen));
    }

    @Test
    void anEmergencyManagerElsewhereSeesNoZone() {
        String beiyuanmen = subDistrictOfGrid(registry.zones().iterator().next().gridId());
        String other = registry.subDistricts().stream().map(s -> s.id()).filter(id -> !id.equals(beiyuanmen))
                .findFirst().orElseThrow();
        assertThat(ids(places.of(scope(Viewer.EMERGENCY_MANAGER, other)), "zones")).isEmpty();
    }

    @Test
    void aCommunityOperatorSeesTheCompoundsOfTheirCommunity() {
        Compound any = registry.compounds().iterator().next();
        String community = registry.grid(any.gridId()).orElseThrow().communityId();
        Map<String, Object> p = places.of(scope(Viewer.COMMUNITY_OPERATOR, community));
        List<String> expected = registry.compounds().stream()
                .filter(c -> registry.grid(c.gridId()).orElseThrow().communityId().equals(community))
                .map(Compound::id).toList();
        assertThat(ids(p, "compounds")).containsExactlyElementsOf(expected);
        assertThat(ids(p, "communities")).containsExactly(community);
        assertThat(ids(p, "grids")).containsExactlyElementsOf(registry.grids().stream()
                .filter(g -> g.communityId().equals(community)).map(Grid::id).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGridWorkerSeesTheirGridWithItsChargerStations() {
        Device charger = registry.devicesOfType(DeviceType.CHARGER).get(0);
        String grid = charger.location().gridId();
        Map<String, Object> p = places.of(scope(Viewer.GRID_WORKER, grid));
        assertThat(ids(p, "grids")).containsExactly(grid);
        assertThat(ids(p, "compounds")).containsExactlyElementsOf(registry.compounds().stream()
                .filter(c -> c.gridId().equals(grid)).map(Compound::id).toList());
        Map<String, Object> compound = list(p, "compounds").stream()
                .filter(c -> c.get("id").equals(charger.location().compoundId())).findFirst().orElseThrow();
        assertThat(compound).containsEntry("gridId", grid)
                .containsEntry("communityId", charger.location().communityId())
                .containsEntry("subDistrictId", charger.location().subDistrictId());
        assertThat((List<Object>) compound.get("stations")).contains(charger.id());
    }

    @Test
    void aPropertyManagerSeesOnlyTheirCompound() {
        Device charger = registry.devicesOfType(DeviceType.CHARGER).get(0);
        String compound = charger.location().compoundId();
        Map<String, Object> p = places.of(scope(Viewer.PROPERTY_MANAGER, compound));
        assertThat(ids(p, "compounds")).containsExactly(compound);
        assertThat(ids(p, "zones")).isEmpty();
        assertThat(ids(p, "grids")).containsExactly(charger.location().gridId());
        assertThat(ids(p, "subDistricts")).containsExactly(charger.location().subDistrictId());
    }

    @Test
    void aDepartmentResponderSeesNoPlaces() {
        Map<String, Object> p = places.of(scope(Viewer.DEPARTMENT_RESPONDER, "fire"));
        for (String key : List.of("zones", "compounds", "grids", "communities", "subDistricts")) {
            assertThat(ids(p, key)).as(key).isEmpty();
        }
    }

    @Test
    void zonesCarryTheirSurveyAndABoxOnTheSchematic() {
        Map<String, Object> p = places.of(scope(Viewer.DISTRICT_OPERATOR, "lianhu"));
        CrowdZone first = registry.zones().iterator().next();
        Map<String, Object> zone = list(p, "zones").get(0);
        assertThat(zone).containsEntry("id", first.id()).containsEntry("name", first.name())
                .containsEntry("gridId", first.gridId()).containsEntry("areaM2", first.areaM2())
                .containsEntry("capacity", first.capacity()).containsEntry("entrance", first.entrance())
                .containsKeys("x", "y", "w", "h");
    }

    private ScopeView scope(String role, String unit) {
        return new ScopeView(() -> registry, new Viewer("someone", role, Set.of(unit), null, "token"));
    }

    private String subDistrictOfGrid(String gridId) {
        String community = registry.grid(gridId).orElseThrow().communityId();
        return registry.community(community).orElseThrow().subDistrictId();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> places, String key) {
        return (List<Map<String, Object>>) places.get(key);
    }

    private static List<String> ids(Map<String, Object> places, String key) {
        return list(places, key).stream().map(m -> (String) m.get("id")).toList();
    }
}
