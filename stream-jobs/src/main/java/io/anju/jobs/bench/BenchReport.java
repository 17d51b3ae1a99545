package io.anju.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The markdown report: every line also goes to the console as it is added. */
final class BenchReport {
    private final PrintStream console;
    private final List<String> lines = new ArrayList<>();

    BenchReport(PrintStream console) {
        this.console = console;
    }

    void line(String text) {
        lines.add(text);
        console.println(text);
    }

    void line(String format, Object... args) {
        line(String.format(format, args));
    }

    /** Writes the report to {@code file}, after what is there when {@code append}. */
    void write(Path file, boolean append) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, (String.join("\n", lines) + "\n\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    }
}
