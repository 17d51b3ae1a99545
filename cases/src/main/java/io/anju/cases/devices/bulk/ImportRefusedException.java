package io.anju.cases.devices.bulk;

import java.util.List;

/** An import refused, nothing written: {@link #problems()} lists every problem found, in line order. */
public final class ImportRefusedException extends RuntimeException {
    private final List<ImportProblem> problems;

    public ImportRefusedException(String source, List<ImportProblem> problems) {
        super("import of " + source + " refused, nothing changed: " + problems.size() + " problem(s): "
                + String.join("; ", problems.stream().limit(20).map(ImportProblem::toString).toList())
                + (problems.size() > 20 ? "; …" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
