package io.anju.cases.access;

import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.Level;
import io.anju.cases.model.Origin;
import io.anju.cases.model.ResponseLevel;
import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.anju.common.model.Installation;
import io.anju.cases.routing.Category;
import io.anju.cases.routing.CategoryTable;
import io.anju.common.alert.Severity;
import io.anju.common.model.LocationChain;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.anju.cases.testing.TestPlaces.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class AccessPolicyTest {
    private final AccessPolicy policy = new AccessPolicy(CategoryTable.defaults());

    private static final Principal DISTRICT = new Principal("d", Role.DISTRICT_OPERATOR, Set.of("lianhu"));
    private static final Principal SUB = new Principal("s", Role.SUB_DISTRICT_OPERATOR, Set.of(SUB_DISTRICT));
    private static final Principal COMM = new Principal("c", Role.COMMUNITY_OPERATOR, Set.of(COMMUNITY));
    private static final Principal WORKER = new Principal("li", Role.GRID_WORKER, Set.of(GRID));
    private static final Principal PROPERTY = new Principal("p", Role.PROPERTY_MANAGER, Set.of(COMPOUND));
    private static final Principal EMERGENCY = new Principal("e", Role.EMERGENCY_MANAGER, Set.of(OTHER_SUB_DISTRICT));
    private static final Principal FIRE = new Principal("f", Role.DEPARTMENT_RESPONDER, Set.of("fire"));
    private static final Principal VENDOR = new Principal("v", Role.VENDOR, Set.of("Acme"));

    /** Charger case in the worker's grid, not yet dispatched. */
    private final CaseRecord chargerHere = record("02-01", at(COMPOUND), "property", List.of(), null);
    /** Charger case in the neighbouring grid of the same community. */
    private final CaseRecord chargerNextDoor = record("02-01", at(NEIGHBOUR_COMPOUND), "property", List.of(), null);
    /** Gate forced open in the manager's own compound: police only. */
    private final CaseRecord gateHere = record("04-01", at(COMPOUND), "police", List.of(), null);
    /** Crowd case in the other sub-district. */
    private final CaseRecord crowdThere = record("03-01", at(ZONE), "street_emergency", List.of(), null);
    /** Fire case dispatched to the fire service. */
    private final CaseRecord fireDispatched = record("01-01", at(COMPOUND), "fire", List.of(), Instant.EPOCH);
    /** Fire case still waiting for dispatch. */
    private final CaseRecord fireWaiting = record("01-01", at(COMPOUND), "fire", List.of(), null);
    /** Property case that pulled in the fire service. */
    private final CaseRecord coordinatedWithFire = record("02-04", at(OTHER_COMPOUND), "property", List.of("fire"), Instant.EPOCH);
    /** Gate held open in the manager's own compound: property's, though not a charger case. */
    private final CaseRecord gateHeldHere = record("04-02", at(COMPOUND), "property", List.of(), null);
    /** E-bike in an elevator (property, supported by fire), not yet dispatched. */
    private final CaseRecord elevatorWaiting = record("01-02", at(COMPOUND), "property", List.of(), null);
    /** The same kind of case, dispatched: the supporting fire service sees it from now on. */
    private final CaseRecord elevatorDispatched = record("01-02", at(COMPOUND), "property", List.of(), Instant.EPOCH);
    /** A crowd counter gone offline at the zone in the emergency manager's sub-district. */
    private final CaseRecord counterOfflineThere = record("03-04", at(ZONE), "street_emergency", List.of(), null);
    /** A charger gone offline in the emergency manager's sub-district: property's, not the street team's. */
    private final CaseRecord chargerOfflineThere = record("02-06", at(OTHER_COMPOUND), "property", List.of(), null);

    @Test
    void visibilityMatrix() {
        List<CaseRecord> cases = List.of(chargerHere, chargerNextDoor, gateHere, crowdThere, fireDispatched, fireWaiting,
                coordinatedWithFire, gateHeldHere, elevatorWaiting, elevatorDispatched, counterOfflineThere,
                chargerOfflineThere);
        //                             chg   next  gate! crowd fireD fireW coord held  elevW elevD cntr  chgOff
        assertSees(DISTRICT, cases, true, true, true, true, true, true, true, true, true, true, true, true);
        assertSees(SUB, cases, true, true, true, false, true, true, false, true, true, true, false, false);
        assertSees(COMM, cases, true, true, true, false, true, true, false, true, true, true, false, false);
        assertSees(WORKER, cases, true, false, true, false, true, true, false, true, true, true, false, false);
        assertSees(PROPERTY, cases, true, false, false, false, true, true, false, true, true, true, false, false);
        assertSees(EMERGENCY, cases, false, false, false, true, false, false, false, false, false, false, true, false);
        assertSees(FIRE, cases, false, false, false, false, true, false, true, false, false, true, false, false);
        assertSees(VENDOR, cases, false, false, false, false, false, false, false, false, false, false, false, false);
    }

    @Test
    void aVendorReadsTheDevicesOfTheirNameOnlyAndTheDistrictAll() {
        Installation acme = new Installation("Acme", "EB-10", "2.1.0", null, null);
        Installation other = new Installation("Acme Ltd", "EB-10", "2.1.0", null, null);
        assertThat(policy.canSeeDevice(VENDOR, acme)).isTrue();
        assertThat(policy.canSeeDevice(VENDOR, other)).isFalse();
        assertThat(policy.canSeeDevice(VENDOR, null)).as("installation unknown").isFalse();
        assertThat(policy.canSeeDevice(new Principal("w", Role.VENDOR, Set.of("*")), acme)).as("no wildcard").isFalse();
        assertThat(policy.canSeeDevice(DISTRICT, other)).isTrue();
        assertThat(policy.canSeeDevice(SUB, acme)).isFalse();
        assertThat(policy.mayReadDevices(VENDOR)).isTrue();
        assertThat(policy.mayManageDevices(VENDOR)).isFalse();
        assertThat(policy.mayReadDevices(PROPERTY)).isFalse();
    }

    @Test
    void whoSupportsWhatComesFromTheConfiguredCategoryTable() {
        // a deployment whose table names property as a support of "gate forced open"
        List<Category> edited = CategoryTable.defaults().all().stream()
                .map(c -> !c.code().equals("04-01") ? c : new Category(c.code(), c.major(), c.name(), c.nameZh(),
                        c.group(), c.department(), List.of("property"), c.alertTypes(), c.deviceTypes(),
                        c.dispatchWithin(), c.acknowledgeWithin(), c.handleWithin(), c.response()))
                .toList();
        AccessPolicy configured = new AccessPolicy(new CategoryTable(edited));

        assertThat(configured.canSee(PROPERTY, gateHere)).isTrue();
        assertThat(policy.canSee(PROPERTY, gateHere)).isFalse();
    }

    private void assertSees(Principal p, List<CaseRecord> cases, boolean... expected) {
        for (int i = 0; i < cases.size(); i++) {
            assertThat(policy.canSee(p, cases.get(i))).as(p.role() + " sees case #" + i).isEqualTo(expected[i]);
        }
    }

    @Test
    void actionsMatrix() {
        for (CaseAction a : CaseAction.values()) {
            assertThatNoException().isThrownBy(() -> policy.checkCanAct(COMM, chargerHere, a));
        }
        assertThatNoException().isThrownBy(() -> policy.checkCanAct(WORKER, chargerHere, CaseAction.VERIFY));
        assertThatNoException().isThrownBy(() -> policy.checkCanAct(WORKER, chargerHere, CaseAction.VOID));
        assertForbidden(WORKER, chargerHere, CaseAction.DISPATCH);
        assertForbidden(WORKER, chargerHere, CaseAction.CLOSE);
        assertForbidden(PROPERTY, chargerHere, CaseAction.VOID);
        assertForbidden(PROPERTY, chargerHere, CaseAction.EVALUATE);
        assertThatNoException().isThrownBy(() -> policy.checkCanAct(PROPERTY, chargerHere, CaseAction.SUBMIT_FEEDBACK));
        assertThatNoException().isThrownBy(() -> policy.checkCanAct(FIRE, fireDispatched, CaseAction.START));
        assertThatNoException().isThrownBy(() -> policy.checkCanAct(FIRE, elevatorDispatched, CaseAction.START));
        assertThatNoException().isThrownBy(() -> policy.checkCanAct(PROPERTY, gateHeldHere, CaseAction.VERIFY));
        assertThatNoException().isThrownBy(() -> policy.checkCanAct(EMERGENCY, counterOfflineThere, CaseAction.VERIFY));
        assertForbidden(EMERGENCY, counterOfflineThere, CaseAction.DISPATCH);
        assertForbidden(FIRE, fireDispatched, CaseAction.CLOSE);
    }

    @Test
    void actingOutsideTheScopeIsNotFoundNotForbidden() {
        assertThatThrownBy(() -> policy.checkCanAct(WORKER, chargerNextDoor, CaseAction.VERIFY))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.kind()).isEqualTo(CaseException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> policy.checkCanAct(PROPERTY, gateHere, CaseAction.START))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.kind()).isEqualTo(CaseException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> policy.checkCanAct(FIRE, fireWaiting, CaseAction.START))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.kind()).isEqualTo(CaseException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> policy.checkCanAct(FIRE, elevatorWaiting, CaseAction.START))
                .as("a supporting department, before dispatch")
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.kind()).isEqualTo(CaseException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> policy.checkCanAct(EMERGENCY, chargerOfflineThere, CaseAction.VERIFY))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.kind()).isEqualTo(CaseException.Kind.NOT_FOUND));
    }

    @Test
    void reportingAndKpis() {
        assertThatNoException().isThrownBy(() -> policy.checkCanReport(WORKER, at(COMPOUND)));
        assertThatThrownBy(() -> policy.checkCanReport(WORKER, at(NEIGHBOUR_COMPOUND)))
                .hasMessageContaining(NEIGHBOUR_GRID);
        assertThatNoException().isThrownBy(() -> policy.checkCanReport(SUB, at(COMPOUND)));
        assertThatThrownBy(() -> policy.checkCanReport(SUB, at(ZONE))).isInstanceOf(CaseException.class);
        assertThatThrownBy(() -> policy.checkCanReport(PROPERTY, at(COMPOUND))).isInstanceOf(CaseException.class);
        assertThatNoException().isThrownBy(() -> policy.checkCanReadKpis(COMM));
        assertThatThrownBy(() -> policy.checkCanReadKpis(WORKER))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.kind()).isEqualTo(CaseException.Kind.FORBIDDEN));
    }

    private void assertForbidden(Principal p, CaseRecord c, CaseAction a) {
        assertThatThrownBy(() -> policy.checkCanAct(p, c, a))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.kind()).isEqualTo(CaseException.Kind.FORBIDDEN))
                .hasMessageContaining(a.wireName());
    }

    private static CaseRecord record(String category, LocationChain where, String department, List<String> coordinating,
                                     Instant dispatchedAt) {
        CaseState state = dispatchedAt == null ? CaseState.COLLECTED : CaseState.DISPATCHED;
        return new CaseRecord(1, "LH-20261129-000001", Origin.ALERT, "t", null, category, department, coordinating,
                Severity.YELLOW, state, ResponseLevel.CASE, null, null, null, null, null, null, where, null, null, null,
                null, List.of(), Level.GRID, where.gridId(), null, Instant.EPOCH, Instant.EPOCH, null, null, null, null, null, dispatchedAt, null,
                null, null, null, false, false, false, 0, null, null, null, null, 0, List.of());
    }
}
