package io.anju.cases.access;

import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;

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
 * @param groups         the case's category group must be one of these
 * @param department     the case's department, or one of its coordinating departments, must be this
 * @param dispatchedOnly only cases that have been dispatched (a department sees nothing before dispatch)
 */
public record ScopeRule(boolean all, String subDistrictId, String communityId, String gridId, Set<String> compoundIds,
                        Set<String> groups, String department, boolean dispatchedOnly) {

    public boolean matches(CaseRecord c, String categoryGroup) {
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
        if (groups != null && !groups.contains(categoryGroup)) {
            return false;
        }
        if (department != null && !department.equals(c.department())
                && (c.coordinatingDepartments() == null || !c.coordinatingDepartments().contains(department))) {
            return false;
        }
        return !dispatchedOnly || c.dispatchedAt() != null || c.state() == CaseState.DISPATCHED;
    }
}
