package io.anju.cases.devices;

import java.util.List;

/** A change refused because the registry after it would break a rule; {@link #problems()} lists every one. */
public final class RegistryRulesException extends RuntimeException {
    private final List<String> problems;

    public RegistryRulesException(String change, List<String> problems) {
        super(change + " refused: it breaks " + problems.size() + " registry rule(s): " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
