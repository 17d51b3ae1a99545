package io.anju.cases.auth;

import io.anju.cases.model.CaseException;
import io.anju.cases.model.Role;
import io.anju.common.registry.Registry;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks that a user's scope fits the role: one unit for every role but the property manager (who may hold several
 * compounds), and, when a registry is known, that each id names a unit of the right level.
 */
final class ScopeValidator {
    private final Supplier<Registry> registry;

    /** @param registry the registry in use now (a live one), or one that gives null: ids are not checked */
    ScopeValidator(Supplier<Registry> registry) {
        this.registry = registry;
    }

    void check(Role role, Set<String> scope) {
        if (scope.isEmpty()) {
            throw CaseException.invalid("scope is required: the unit id(s) the " + role.wireName() + " works for");
        }
        if (scope.size() > 1 && role != Role.PROPERTY_MANAGER) {
            throw CaseException.invalid("a " + role.wireName() + " has exactly one scope unit (was " + scope
                    + "); only a property_manager may hold several compounds");
        }
        if (role == Role.VENDOR && scope.contains("*")) {
            throw CaseException.invalid("a vendor's scope is their name as devices' installation.vendor names it, "
                    + "not '*'");
        }
        Registry known = registry.get();
        if (known == null) {
            return;
        }
        for (String id : scope) {
            if (!exists(known, role, id)) {
                throw CaseException.invalid("unknown " + levelOf(role) + " '" + id + "' in scope of a " + role.wireName());
            }
        }
    }

    private static boolean exists(Registry registry, Role role, String id) {
        Optional<?> unit = switch (role) {
            // The district sees everything; its scope is a label ("*" or the district's name), not a registry id.
            // A vendor's name is a label too: the vendor may sign up before their first device is registered.
            case DISTRICT_OPERATOR, DEPARTMENT_RESPONDER, VENDOR -> Optional.of(id);
            case SUB_DISTRICT_OPERATOR, EMERGENCY_MANAGER -> registry.subDistrict(id);
            case COMMUNITY_OPERATOR -> registry.community(id);
            case GRID_WORKER -> registry.grid(id);
            case PROPERTY_MANAGER -> registry.compound(id);
        };
        return unit.isPresent();
    }

    private static String levelOf(Role role) {
        return switch (role) {
            case SUB_DISTRICT_OPERATOR, EMERGENCY_MANAGER -> "sub-district";
            case COMMUNITY_OPERATOR -> "community";
            case GRID_WORKER -> "grid";
            case PROPERTY_MANAGER -> "compound";
            case DISTRICT_OPERATOR -> "district";
            case DEPARTMENT_RESPONDER -> "department";
            case VENDOR -> "vendor";
        };
    }
}
