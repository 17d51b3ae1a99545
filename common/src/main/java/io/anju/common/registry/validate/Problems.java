package io.anju.common.registry.validate;

import io.anju.common.registry.RegistryException;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one registry file, each as {@code <file>: <field path>: <what is wrong>}. */
final class Problems {
    /** Problems listed in one exception message; the rest are counted. */
    static final int MAX_LISTED = 20;

    private final String source;
    private final List<String> problems = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    void add(String path, String message) {
        problems.add(source + ": " + path + ": " + message);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(problems.get(0));
        for (int i = 1; i < Math.min(problems.size(), MAX_LISTED); i++) {
            sb.append('\n').append(problems.get(i));
        }
        if (problems.size() > MAX_LISTED) {
            sb.append("\n(").append(problems.size() - MAX_LISTED).append(" more problems)");
        }
        throw new RegistryException(sb.toString(), List.copyOf(problems));
    }
}
