package io.anju.cases.access;

import io.anju.cases.routing.Category;
import io.anju.cases.routing.CategoryTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link ScopeRule} as a SQL condition on the {@code cases} table, with the same meaning as
 * {@link ScopeRule#matches}: every non-null field must hold. Category groups become category codes through the
 * {@link CategoryTable}; a case whose code the table does not know counts as group {@code general}, as in
 * {@code AccessPolicy}.
 */
public final class ScopeSql {

    /**
     * A condition and its parameters, numbered from the {@code firstParam} it was built with.
     *
     * @param sql    a boolean SQL expression ({@code true} when the rule has no condition)
     * @param params the values of its {@code $n} placeholders, in order
     */
    public record Condition(String sql, List<Object> params) {
        public Condition {
            params = List.copyOf(params);
        }
    }

    private static final String GENERAL_GROUP = "general";

    private final CategoryTable categories;

    public ScopeSql(CategoryTable categories) {
        this.categories = categories;
    }

    /** The condition of {@code scope}; its first placeholder is {@code $firstParam}. */
    public Condition where(ScopeRule scope, int firstParam) {
        List<String> terms = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        int n = firstParam;
        if (scope.subDistrictId() != null) {
            terms.add("sub_district_id = $" + n++);
            params.add(scope.subDistrictId());
        }
        if (scope.communityId() != null) {
            terms.add("community_id = $" + n++);
            params.add(scope.communityId());
        }
        if (scope.gridId() != null) {
            terms.add("grid_id = $" + n++);
            params.add(scope.gridId());
        }
        if (scope.compoundIds() != null) {
            terms.add("compound_id = any($" + n++ + ")");
            params.add(scope.compoundIds().toArray(String[]::new));
        }
        if (scope.groups() != null) {
            String inGroups = "category_code = any($" + n++ + ")";
            params.add(codesOf(scope.groups()));
            if (scope.groups().contains(GENERAL_GROUP)) {
                inGroups = "(" + inGroups + " or not (category_code = any($" + n++ + ")))";
                params.add(categories.all().stream().map(Category::code).toArray(String[]::new));
            }
            terms.add(inGroups);
        }
        if (scope.department() != null) {
            terms.add("(department = $" + n + " or $" + n + " = any(coordinating_departments))");
            n++;
            params.add(scope.department());
        }
        if (scope.dispatchedOnly()) {
            // As ScopeRule.matches: dispatched once, or being dispatched now.
            terms.add("(dispatched_at is not null or state = 'dispatched')");
        }
        return new Condition(terms.isEmpty() ? "true" : String.join(" and ", terms), params);
    }

    private String[] codesOf(Set<String> groups) {
        return categories.all().stream().filter(c -> groups.contains(c.group())).map(Category::code)
                .toArray(String[]::new);
    }
}
