package io.anju.cases.access;

import io.anju.cases.routing.Category;
import io.anju.cases.routing.CategoryTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link ScopeRule} as a SQL condition on the {@code cases} table, with the same meaning as
 * {@link ScopeRule#matches}: every non-null field must hold. A department's support of categories becomes category
 * codes through the {@link CategoryTable}; a case whose code the table does not know has no support departments, as
 * in {@code AccessPolicy}.
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
        if (scope.departments() != null) {
            // As ScopeRule.matches: responsible, supporting (through the category) or coordinating.
            String[] departments = scope.departments().toArray(String[]::new);
            terms.add("(department = any($" + n + ") or coordinating_departments && $" + n
                    + "::text[] or category_code = any($" + (n + 1) + "))");
            n += 2;
            params.add(departments);
            params.add(supportedBy(scope.departments()));
        }
        if (scope.dispatchedOnly()) {
            // As ScopeRule.matches: dispatched once, or being dispatched now.
            terms.add("(dispatched_at is not null or state = 'dispatched')");
        }
        return new Condition(terms.isEmpty() ? "true" : String.join(" and ", terms), params);
    }

    /** The codes of the categories that one of {@code departments} supports. */
    private String[] supportedBy(Set<String> departments) {
        return categories.all().stream().filter(c -> c.supportDepartments().stream().anyMatch(departments::contains))
                .map(Category::code).toArray(String[]::new);
    }
}
