package io.anju.dashboards.session;

import java.util.Set;

/**
 * The signed-in person a dashboard request is for, as the case service knows them.
 *
 * @param name        sign-in name
 * @param role        the case system's role wire name ({@code district_operator}, {@code grid_worker}, …)
 * @param scope       the unit ids of the role's scope
 * @param displayName the name shown to people (may be null)
 * @param token       the case-service token, forwarded on calls made for this person; never sent to the browser
 */
public record Viewer(String name, String role, Set<String> scope, String displayName, String token) {

    public static final String DISTRICT_OPERATOR = "district_operator";
    public static final String SUB_DISTRICT_OPERATOR = "sub_district_operator";
    public static final String COMMUNITY_OPERATOR = "community_operator";
    public static final String GRID_WORKER = "grid_worker";
    public static final String PROPERTY_MANAGER = "property_manager";
    public static final String EMERGENCY_MANAGER = "emergency_manager";
    public static final String DEPARTMENT_RESPONDER = "department_responder";

    public Viewer {
        scope = Set.copyOf(scope);
    }

    public boolean isOperator() {
        return role.equals(DISTRICT_OPERATOR) || role.equals(SUB_DISTRICT_OPERATOR) || role.equals(COMMUNITY_OPERATOR);
    }
}
