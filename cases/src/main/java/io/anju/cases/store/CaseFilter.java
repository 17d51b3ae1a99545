package io.anju.cases.store;

import io.anju.cases.access.ScopeRule;
import io.anju.cases.access.ScopeSql;
import io.anju.cases.model.CaseQuery;
import io.anju.cases.model.CaseState;
import io.anju.cases.routing.CategoryTable;
import io.anju.common.alert.Severity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A caller's {@link ScopeRule} and the filters of a {@link CaseQuery} as one SQL condition with its parameters.
 * The scope is always applied; the filters narrow it further, never widen it.
 */
public final class CaseFilter {
    /** Most urgent first: the order of {@link Severity}'s constants, as a SQL expression over the severity column. */
    public static final String SEVERITY_RANK = "array_position(array['blue', 'yellow', 'orange', 'red'], severity)";

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    public CaseFilter(ScopeRule scope, CaseQuery q, CategoryTable categories) {
        ScopeSql.Condition inScope = new ScopeSql(categories).where(scope, 1);
        conditions.add(inScope.sql());
        params.addAll(inScope.params());
        eq("sub_district_id", q.subDistrictId());
        eq("community_id", q.communityId());
        eq("grid_id", q.gridId());
        eq("compound_id", q.compoundId());
        eq("zone_id", q.zoneId());
        eq("category_code", q.categoryCode());
        department(q.department());
        if (q.states() != null && !q.states().isEmpty()) {
            conditions.add("state = any(" + param(q.states().stream().map(CaseState::wireName).toArray(String[]::new))
                    + ")");
        }
        if (q.minSeverity() != null) {
            conditions.add("severity = any(" + param(Arrays.stream(Severity.values())
                    .filter(s -> s.atLeast(q.minSeverity())).map(Severity::wireName).toArray(String[]::new)) + ")");
        }
        if (q.overdue() != null) {
            conditions.add("overdue = " + param(q.overdue()));
        }
        if (q.open() != null) {
            conditions.add((q.open() ? "" : "not ") + "(state not in " + CaseState.ENDED_SQL + ")");
        }
    }

    private void eq(String column, String value) {
        if (value != null) {
            conditions.add(column + " = " + param(value));
        }
    }

    private void department(String code) {
        if (code != null) {
            String p = param(code);
            conditions.add("(department = " + p + " or " + p + " = any(coordinating_departments))");
        }
    }

    private String param(Object value) {
        params.add(value);
        return "$" + params.size();
    }

    /** {@code where …} (empty when nothing restricts). */
    public String where() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** The parameters of {@link #where()}, followed by {@code extra} (for limit and offset). */
    public List<Object> params(Object... extra) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(Arrays.asList(extra));
        return all;
    }

    public int paramCount() {
        return params.size();
    }
}
