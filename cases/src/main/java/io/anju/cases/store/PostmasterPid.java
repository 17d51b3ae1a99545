package io.anju.cases.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a PostgreSQL data directory's {@code postmaster.pid} says of the server that holds it: its pid on line 1 and its
 * port on line 4.
 *
 * @param pid  the server's process id
 * @param port its port; -1 when the file does not (yet) name one
 */
public record PostmasterPid(long pid, int port) {

    /** The file of {@code dataDir}, when there is a readable one. */
    public static Optional<PostmasterPid> of(Path dataDir) throws IOException {
        Path file = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file);
        try {
            long pid = Long.parseLong(lines.isEmpty() ? "" : lines.get(0).trim());
            int port = lines.size() < 4 ? -1 : Integer.parseInt(lines.get(3).trim());
            return Optional.of(new PostmasterPid(pid, port));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The live PostgreSQL server it names; none when the process is gone or a recycled pid names another program. */
    public Optional<ProcessHandle> server() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }
}
