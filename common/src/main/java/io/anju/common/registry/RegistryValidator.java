package io.anju.common.registry;

import io.anju.common.registry.validate.RegistryRules;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a parsed registry before anyone relies on it: its version, then every rule of {@link RegistryRules}. All
 * problems are reported at once, each naming the file and the field path.
 */
public final class RegistryValidator {
    /** Problems listed in one exception message; the rest are counted. */
    static final int MAX_LISTED = 20;

    private RegistryValidator() {
    }

    /**
     * @param source how to name the file in messages (usually its path)
     * @throws RegistryException listing every problem found
     */
    public static void validate(RegistryDocument doc, String source) {
        if (doc == null) {
            throw new RegistryException(source + ": $: empty document");
        }
        List<String> problems = new ArrayList<>();
        if (doc.version() != RegistryDocument.CURRENT_VERSION) {
            problems.add(source + ": version: unsupported registry version " + doc.version()
                    + " (this build reads version " + RegistryDocument.CURRENT_VERSION + ")");
        }
        problems.addAll(RegistryRules.problems(source, doc.subDistricts(), doc.communities(), doc.grids(),
                doc.compounds(), doc.zones(), doc.devices()));
        if (!problems.isEmpty()) {
            throw new RegistryException(summary(problems), problems);
        }
    }

    private static String summary(List<String> problems) {
        StringBuilder sb = new StringBuilder(problems.get(0));
        for (int i = 1; i < Math.min(problems.size(), MAX_LISTED); i++) {
            sb.append('\n').append(problems.get(i));
        }
        if (problems.size() > MAX_LISTED) {
            sb.append("\n(").append(problems.size() - MAX_LISTED).append(" more problems)");
        }
        return sb.toString();
    }
}
