package io.anju.cases.access;

import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;

import java.util.Collection;
import java.util.Set;

/**
 * Which cases a person may see, as data: the store turns it into a SQL condition and
 * {@link #matches} checks one case, so both paths apply the same rule. Every non-null field must hold.
 *
 * @param all            true for the district: no location condition
 * @param subDistrictId  the case's sub-district must be this
 * @param communityId    the case's community must be this
 * @param gridId         the case's grid must be this
 * @param compoundIds    the case's compound must be one of these
 * @param departments    one of these departments must be concerned with the case: responsible for it (the case's
 *                       department), supporting it (a support department of its category) or coordinating on it
 * @param dispatchedOnly only cases that have been dispatched (a department sees nothing before dispatch)
 */
public record ScopeRule(boolean all, String subDistrictId, String communityId, String gridId, Set<String> compoundIds,
                        Set<String> departments, boolean dispatchedOnly) {

    /** Matches no case (a vendor's): no department is concerned with any case, in {@link #matches} and in SQL alike. */
    public static final ScopeRule NOTHING = new ScopeRule(false, null, null, null, null, Set.of(), false);

    /** @param supportDepartments the support departments of the case's category (empty when the table lacks it) */
    public boolean matches(CaseRecord c, Collection<String> supportDepartments) {
        if (subDistrictId != null && !subDistrictId.equals(c.location().subDistrictId())) {
            return false;
        }
        if (communityId != null && !communityId.equals(c.location().communityId())) {
            return false;
        }
        if (gridId != null && !gridId.equals(c.location().gridId())) {
            return false;
        }
        if (compoundIds != null && (c.location().compoundId() == null || !compoundIds.contains(c.location().compoundId()))) {
            return false;
        }
        if (departments != null && !concerns(c, supportDepartments)) {
            return false;
        }
        return !dispatchedOnly || c.dispatchedAt() != null || c.state() == CaseState.DISPATCHED;
    }

    private boolean concerns(CaseRecord c, Collection<String> supportDepartments) {
        return departments.contains(c.department())
                || supportDepartments.stream().anyMatch(departments::contains)
                || (c.coordinatingDepartments() != null
                    && c.coordinatingDepartments().stream().anyMatch(departments::contains));
    }
}
