package io.anju.cases.model;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The signed-in person an API call acts for. {@code scope} holds the unit ids of the user's scope
 * (one for most roles; a property manager may hold several compounds).
 */
public record Principal(String name, Role role, Set<String> scope) {

    /** The system itself (the alert intake, supervision): audited under this name. */
    public static final String SYSTEM = "system";

    public Principal {
        scope = Set.copyOf(scope);
    }

    public static Set<String> parseScope(String scope) {
        return Arrays.stream(scope.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    public boolean inScope(String unitId) {
        return unitId != null && (scope.contains(unitId) || scope.contains("*"));
    }
}
