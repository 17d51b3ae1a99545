package io.anju.cases.auth;

import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;

import java.time.Instant;
import java.util.Set;

/** A user as listed: everything but the password hash. */
public record UserAccount(String name, Role role, Set<String> scope, String displayName, boolean disabled,
                          Instant createdAt) {

    public UserAccount {
        scope = Set.copyOf(scope);
    }

    public Principal principal() {
        return new Principal(name, role, scope);
    }
}
