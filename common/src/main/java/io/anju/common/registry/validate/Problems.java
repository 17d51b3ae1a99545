package io.anju.common.registry.validate;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one registry file, each as {@code <file>: <field path>: <what is wrong>}. */
final class Problems {
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

    List<String> all() {
        return List.copyOf(problems);
    }
}
