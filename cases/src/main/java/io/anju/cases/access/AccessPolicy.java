package io.anju.cases.access;

import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.anju.cases.routing.Category;
import io.anju.cases.routing.CategoryTable;
import io.anju.common.model.Installation;
import io.anju.common.model.LocationChain;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.anju.cases.model.CaseAction.*;

/**
 * Who may see and do what, decided on the server for every call.
 * <ul>
 *   <li>Centre operators see their unit and everything below it, and run the centre's steps (analyse, dispatch,
 *       check, evaluate).</li>
 *   <li>Grid workers see their grid, verify, handle and report back, and may void a false alarm.</li>
 *   <li>Property managers see the cases of their compounds that property management is responsible for or supports;
 *       emergency managers those of their sub-district that the street's emergency team is responsible for or
 *       supports (crowd warnings, a crowd counter gone offline). Both verify (acknowledge), handle and report
 *       back.</li>
 *   <li>Department responders see, from dispatch on, the cases their department is responsible for, supports (by
 *       the case's category) or was asked to coordinate on, and handle them.</li>
 *   <li>Vendors see no case at all: only their own devices ({@link #canSeeDevice}).</li>
 * </ul>
 * Which department supports what comes from the {@link CategoryTable}, so a configured table changes it too.
 * A case outside the caller's scope is answered as not found, so ids of other scopes do not leak.
 */
public final class AccessPolicy {

    /** The department a property manager acts for. */
    public static final String PROPERTY_DEPARTMENT = "property";
    /** The department an emergency manager acts for: the street's emergency team. */
    public static final String EMERGENCY_DEPARTMENT = "street_emergency";

    private static final Set<CaseAction> CENTRE = EnumSet.allOf(CaseAction.class);
    private static final Set<CaseAction> FIELD = EnumSet.of(VERIFY, START, COORDINATE, SUBMIT_FEEDBACK, VOID);
    /** Managers also promote a watch item of theirs they judge needs action. */
    private static final Set<CaseAction> MANAGER = EnumSet.of(VERIFY, START, SUBMIT_FEEDBACK, PROMOTE);
    private static final Set<CaseAction> RESPONDER = EnumSet.of(START, COORDINATE, SUBMIT_FEEDBACK);
    private static final Map<Role, Set<CaseAction>> ACTIONS = new EnumMap<>(Role.class);

    static {
        ACTIONS.put(Role.DISTRICT_OPERATOR, CENTRE);
        ACTIONS.put(Role.SUB_DISTRICT_OPERATOR, CENTRE);
        ACTIONS.put(Role.COMMUNITY_OPERATOR, CENTRE);
        ACTIONS.put(Role.GRID_WORKER, FIELD);
        ACTIONS.put(Role.PROPERTY_MANAGER, MANAGER);
        ACTIONS.put(Role.EMERGENCY_MANAGER, MANAGER);
        ACTIONS.put(Role.DEPARTMENT_RESPONDER, RESPONDER);
        ACTIONS.put(Role.VENDOR, EnumSet.noneOf(CaseAction.class));
    }

    private final CategoryTable categories;

    public AccessPolicy(CategoryTable categories) {
        this.categories = categories;
    }

    /** The visibility rule of {@code p}, for list queries and for {@link #canSee}. */
    public ScopeRule rule(Principal p) {
        String one = p.scope().stream().findFirst().orElse(null);
        return switch (p.role()) {
            case DISTRICT_OPERATOR -> new ScopeRule(true, null, null, null, null, null, false);
            case SUB_DISTRICT_OPERATOR -> new ScopeRule(false, one, null, null, null, null, false);
            case COMMUNITY_OPERATOR -> new ScopeRule(false, null, one, null, null, null, false);
            case GRID_WORKER -> new ScopeRule(false, null, null, one, null, null, false);
            case PROPERTY_MANAGER -> new ScopeRule(false, null, null, null, p.scope(), Set.of(PROPERTY_DEPARTMENT), false);
            case EMERGENCY_MANAGER -> new ScopeRule(false, one, null, null, null, Set.of(EMERGENCY_DEPARTMENT), false);
            case DEPARTMENT_RESPONDER -> new ScopeRule(false, null, null, null, null, one == null ? Set.of() : Set.of(one),
                    true);
            case VENDOR -> ScopeRule.NOTHING;
        };
    }

    public boolean canSee(Principal p, CaseRecord c) {
        return rule(p).matches(c, supportDepartmentsOf(c));
    }

    /** Throws NOT_FOUND when the case is outside the caller's scope. */
    public void checkCanSee(Principal p, CaseRecord c) {
        if (!canSee(p, c)) {
            throw CaseException.notFound(c.id());
        }
    }

    /** Throws NOT_FOUND outside the scope, FORBIDDEN when the role may not take this action. */
    public void checkCanAct(Principal p, CaseRecord c, CaseAction action) {
        checkCanSee(p, c);
        if (!ACTIONS.get(p.role()).contains(action)) {
            throw new CaseException(CaseException.Kind.FORBIDDEN, CaseException.Reason.ROLE_MAY_NOT,
                    "a " + p.role().wireName() + " may not " + action.wireName() + " a case; allowed: "
                            + ACTIONS.get(p.role()).stream().map(CaseAction::wireName).toList(), p.role(), action);
        }
    }

    public Set<CaseAction> actionsOf(Role role) {
        return ACTIONS.get(role);
    }

    /**
     * Reporting by hand: operators within their unit, grid workers in their grid. Managers and responders
     * act on cases; they do not file them.
     */
    public void checkCanReport(Principal p, LocationChain where) {
        boolean ok = switch (p.role()) {
            case DISTRICT_OPERATOR -> true;
            case SUB_DISTRICT_OPERATOR -> p.inScope(where.subDistrictId());
            case COMMUNITY_OPERATOR -> p.inScope(where.communityId());
            case GRID_WORKER -> p.inScope(where.gridId());
            default -> false;
        };
        if (!ok) {
            throw new CaseException(CaseException.Kind.FORBIDDEN, CaseException.Reason.OUTSIDE_SCOPE,
                    "a " + p.role().wireName() + " with scope " + p.scope() + " may not file a case in grid "
                            + where.gridId());
        }
    }

    /** KPIs: centre operators only, for their unit and below. */
    public void checkCanReadKpis(Principal p) {
        if (!isCentre(p.role())) {
            throw CaseException.forbidden("KPIs are for command-centre operators, not a " + p.role().wireName());
        }
    }

    /**
     * Charger commands for a case (stop or resume a port): the people who may act on the chargers of the case's
     * compound — command-centre operators within their unit and the compound's property manager — not grid workers,
     * emergency managers or department responders, who report and handle but do not switch power. The case must also
     * be visible to them ({@link #checkCanSee}).
     */
    public boolean mayCommand(Principal p) {
        return isCentre(p.role()) || p.role() == Role.PROPERTY_MANAGER;
    }

    /** True when {@code p} may resume a port despite its guards: command-centre operators only. */
    public boolean mayOverrideGuards(Principal p) {
        return isCentre(p.role());
    }

    /** Reading devices: district operators all of them, vendors their own ({@link #canSeeDevice}). */
    public boolean mayReadDevices(Principal p) {
        return p.role() == Role.DISTRICT_OPERATOR || p.role() == Role.VENDOR;
    }

    /** Changing devices and reading the registry's audit: district operators only. */
    public boolean mayManageDevices(Principal p) {
        return p.role() == Role.DISTRICT_OPERATOR;
    }

    /**
     * A device {@code p} may read: any for a district operator; for a vendor one whose installation names exactly
     * their scope as vendor (no wildcard: a vendor's scope is a name, not a unit). Any other device is answered as not
     * found, so the ids of other vendors' devices do not leak.
     */
    public boolean canSeeDevice(Principal p, Installation installation) {
        return switch (p.role()) {
            case DISTRICT_OPERATOR -> true;
            case VENDOR -> installation != null && installation.vendor() != null
                    && p.scope().contains(installation.vendor());
            default -> false;
        };
    }

    private static boolean isCentre(Role role) {
        return role == Role.DISTRICT_OPERATOR || role == Role.SUB_DISTRICT_OPERATOR || role == Role.COMMUNITY_OPERATOR;
    }

    /** The support departments of the case's category; none when the table does not know its code. */
    public List<String> supportDepartmentsOf(CaseRecord c) {
        return categories.byCode(c.categoryCode()).map(Category::supportDepartments).orElse(List.of());
    }
}
