package io.anju.sim.truth;

import io.anju.common.json.Json;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one JSON line per injected fault and flushes it at once, so a killed run keeps what it injected; the
 * warnings the scenario's own behaviour may raise ({@link ExpectedWarning}) are lines of their own, told apart by
 * their {@code warning} field (a fault's line has {@code fault}).
 */
public final class GroundTruthWriter implements Closeable {
    private final BufferedWriter out;

    public GroundTruthWriter(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("--ground-truth: cannot open " + file, e);
        }
    }

    public void append(GroundTruth line) {
        write(line);
    }

    public void append(ExpectedWarning line) {
        write(line);
    }

    private synchronized void write(Object line) {
        try {
            out.write(Json.toString(line));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to ground-truth file", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
