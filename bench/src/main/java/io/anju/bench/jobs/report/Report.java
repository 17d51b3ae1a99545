package io.anju.bench.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A markdown report: every line also goes to the console as it is added. */
public final class Report {
    private final Consumer<String> console;
    private final List<String> lines = new ArrayList<>();

    public Report(Consumer<String> console) {
        this.console = console;
    }

    public void line(String text) {
        lines.add(text);
        console.accept(text);
    }

    public void line(String format, Object... args) {
        line(String.format(format, args));
    }

    /** Writes the report to {@code file}, after what is there when {@code append}. */
    public void write(Path file, boolean append) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, (String.join("\n", lines) + "\n\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    }
}
