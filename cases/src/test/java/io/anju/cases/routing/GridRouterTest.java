package io.anju.cases.routing;

import io.anju.cases.model.CaseException;
import io.anju.cases.model.Level;
import io.anju.cases.model.NewCase;
import io.anju.cases.model.Origin;
import io.anju.cases.testing.Alerts;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.model.LocationChain;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.anju.cases.testing.TestPlaces.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridRouterTest {
    private static final Instant T0 = Instant.parse("2026-11-29T02:00:00Z");
    private final GridRouter router = new GridRouter(registry(), CategoryTable.defaults(), null);

    @Test
    void portAlertWithoutLocationIsRoutedThroughItsChargerToTheCompoundsGrid() {
        Routing r = router.route(Alerts.of(AlertType.PORT_OVERLOAD, Severity.YELLOW, SourceKind.PORT, CHARGER + "#3",
                null, null, T0));
        assertThat(r.location()).isEqualTo(at(COMPOUND));
        assertThat(r.assignedLevel()).isEqualTo(Level.GRID);
        assertThat(r.assignedUnit()).isEqualTo(GRID);
        assertThat(r.category().code()).isEqualTo("02-01");
        assertThat(r.department()).isEqualTo("property");
    }

    @Test
    void deviceAlertIsRoutedByTheDevicesRegisteredPlace() {
        Routing r = router.route(Alerts.of(AlertType.DEVICE_OFFLINE, Severity.BLUE, SourceKind.DEVICE, OTHER_CHARGER,
                null, null, T0));
        assertThat(r.location()).isEqualTo(at(OTHER_COMPOUND));
        assertThat(r.assignedUnit()).isEqualTo(OTHER_GRID);
        assertThat(r.category().code()).isEqualTo("02-06");
    }

    @Test
    void aCrowdCounterGoneOfflineIsTheStreetEmergencyTeamsCaseAtItsZone() {
        Routing r = router.route(Alerts.of(AlertType.DEVICE_OFFLINE, Severity.YELLOW, SourceKind.DEVICE, COUNTER,
                COUNTER, null, T0));
        assertThat(r.location()).isEqualTo(at(ZONE));
        assertThat(r.assignedUnit()).isEqualTo(OTHER_GRID);
        assertThat(r.category().code()).isEqualTo("03-04");
        assertThat(r.department()).isEqualTo("street_emergency");

        Routing gate = router.route(Alerts.of(AlertType.DEVICE_OFFLINE, Severity.YELLOW, SourceKind.DEVICE, GATE, GATE,
                null, T0));
        assertThat(gate.category().code()).as("other devices stay with property").isEqualTo("02-06");
    }

    @Test
    void buildingAlertIsRoutedByTheCameraThatSawIt() {
        Routing r = router.route(Alerts.of(AlertType.EBIKE_IN_ELEVATOR, Severity.YELLOW, SourceKind.BUILDING,
                NEIGHBOUR_COMPOUND + "/b2", CAMERA, null, T0));
        assertThat(r.location()).isEqualTo(at(NEIGHBOUR_COMPOUND));
        assertThat(r.assignedUnit()).isEqualTo(NEIGHBOUR_GRID);
        assertThat(r.department()).isEqualTo("property");
    }

    @Test
    void compoundAlertIsRoutedToTheCompoundsGrid() {
        Routing r = router.route(Alerts.of(AlertType.GATE_FORCED_OPEN, Severity.ORANGE, SourceKind.COMPOUND, COMPOUND,
                null, null, T0));
        assertThat(r.location()).isEqualTo(at(COMPOUND));
        assertThat(r.assignedUnit()).isEqualTo(GRID);
        assertThat(r.department()).isEqualTo("police");
    }

    @Test
    void zoneAlertIsRoutedToTheZonesGridAndTheStreetEmergencyTeam() {
        Routing r = router.route(Alerts.of(AlertType.CROWD_DENSITY, Severity.RED, SourceKind.ZONE, ZONE, null, null, T0));
        assertThat(r.location()).isEqualTo(at(ZONE));
        assertThat(r.assignedUnit()).isEqualTo(OTHER_GRID);
        assertThat(r.department()).isEqualTo("street_emergency");
        assertThat(r.category().supportDepartments()).containsExactly("police");
    }

    @Test
    void aPartialChainIsCompletedFromTheRegistry() {
        Routing r = router.route(Alerts.of(AlertType.FIRE_RISK, Severity.RED, SourceKind.DEVICE, CHARGER, CHARGER,
                new LocationChain(null, null, null, COMPOUND, null), T0));
        assertThat(r.location()).isEqualTo(at(COMPOUND));
        assertThat(r.department()).isEqualTo("fire");
    }

    @Test
    void withoutAKnownGridTheCommunityOwnsTheCase() {
        Routing viaDevice = router.route(Alerts.of(AlertType.DEVICE_OFFLINE, Severity.BLUE, SourceKind.DEVICE,
                COMMUNITY_ONLY_DEVICE, null, null, T0));
        assertThat(viaDevice.assignedLevel()).isEqualTo(Level.COMMUNITY);
        assertThat(viaDevice.assignedUnit()).isEqualTo(COMMUNITY);
        assertThat(viaDevice.location().subDistrictId()).isEqualTo(SUB_DISTRICT);

        Routing lost = router.route(Alerts.of(AlertType.GATE_HELD_OPEN, Severity.BLUE, SourceKind.COMPOUND,
                LOST_COMPOUND, null, new LocationChain(SUB_DISTRICT, COMMUNITY, null, LOST_COMPOUND, null), T0));
        assertThat(lost.assignedLevel()).isEqualTo(Level.COMMUNITY);
        assertThat(lost.assignedUnit()).isEqualTo(COMMUNITY);
    }

    @Test
    void withOnlyASubDistrictItsCentreOwnsTheCaseAndWithNothingTheDistrict() {
        Routing sub = router.route(Alerts.of(AlertType.CROWD_INFLOW, Severity.YELLOW, SourceKind.ZONE, "zn-unknown",
                null, new LocationChain(OTHER_SUB_DISTRICT, null, null, null, "zn-unknown"), T0));
        assertThat(sub.assignedLevel()).isEqualTo(Level.SUB_DISTRICT);
        assertThat(sub.assignedUnit()).isEqualTo(OTHER_SUB_DISTRICT);

        Routing nowhere = router.route(Alerts.of(AlertType.DEVICE_OFFLINE, Severity.BLUE, SourceKind.DEVICE, "ch-ghost",
                null, null, T0));
        assertThat(nowhere.assignedLevel()).isEqualTo(Level.DISTRICT);
        assertThat(nowhere.assignedUnit()).isEqualTo("lianhu");
    }

    @Test
    void escalationUnitsFollowTheChainUpToTheDistrict() {
        LocationChain chain = at(COMPOUND);
        assertThat(router.unitAt(Level.COMMUNITY, chain)).isEqualTo(COMMUNITY);
        assertThat(router.unitAt(Level.SUB_DISTRICT, chain)).isEqualTo(SUB_DISTRICT);
        assertThat(router.unitAt(Level.DISTRICT, chain)).isEqualTo("lianhu");
        assertThat(new GridRouter(registry(), CategoryTable.defaults(), "beilin").unitAt(Level.DISTRICT, chain))
                .isEqualTo("beilin");
    }

    @Test
    void aReportByCompoundIsRoutedToItsGrid() {
        Routing r = router.route(report("05-02", null, COMPOUND, null));
        assertThat(r.location()).isEqualTo(at(COMPOUND));
        assertThat(r.assignedUnit()).isEqualTo(GRID);
        assertThat(router.route(report("05-01", OTHER_GRID, null, null)).location())
                .isEqualTo(new LocationChain(OTHER_SUB_DISTRICT, OTHER_COMMUNITY, OTHER_GRID, null, null));
        assertThat(router.route(report("03-01", null, null, ZONE)).location()).isEqualTo(at(ZONE));
    }

    @Test
    void aReportNamingUnknownPlacesOrCategoriesIsInvalidAndSaysWhich() {
        assertThatThrownBy(() -> router.route(report("05-01", "gd-99", null, null)))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.kind()).isEqualTo(CaseException.Kind.INVALID))
                .hasMessageContaining("gd-99");
        assertThatThrownBy(() -> router.route(report("05-01", null, "cp-99", null))).hasMessageContaining("cp-99");
        assertThatThrownBy(() -> router.route(report("05-01", null, null, "zn-99"))).hasMessageContaining("zn-99");
        assertThatThrownBy(() -> router.route(report("09-09", GRID, null, null))).hasMessageContaining("09-09");
        assertThatThrownBy(() -> router.route(report("05-01", null, null, null))).hasMessageContaining("gridId");
    }

    private static NewCase report(String category, String grid, String compound, String zone) {
        return new NewCase(Origin.GRID_REPORT, "broken lamp", null, category, null, grid, compound, zone, List.of());
    }
}
