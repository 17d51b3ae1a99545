package io.anju.cases.model;

import io.anju.common.alert.Severity;

import java.util.Set;

/**
 * Filters of the case list; null means any. The caller's scope is applied on top, never instead.
 *
 * @param limit  page size, 1–500
 * @param offset rows to skip
 */
public record CaseQuery(String subDistrictId, String communityId, String gridId, String compoundId, String zoneId,
                        Set<CaseState> states, Severity minSeverity, Boolean overdue, String department,
                        String categoryCode, Boolean open, int limit, int offset) {

    public static CaseQuery all() {
        return new CaseQuery(null, null, null, null, null, null, null, null, null, null, null, 100, 0);
    }
}
