package io.anju.cases.auth.cli;

import io.anju.cases.store.Database;
import io.anju.cases.store.PostmasterPid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the case store for a command-line tool. A running case service holds its embedded PostgreSQL directory
 * (PostgreSQL refuses a second server on it), so when {@code postmaster.pid} names a live process the tool connects to
 * that server's port; otherwise it starts the embedded server itself for the duration of the command.
 */
public final class CasesDatabaseLocator {

    private CasesDatabaseLocator() {
    }

    static Path embeddedDir(Path dataDir) {
        return dataDir.resolve("cases").resolve("postgres");
    }

    public static Database open(Path dataDir, String dbUrl) throws IOException {
        if (dbUrl != null && !dbUrl.isBlank()) {
            return Database.external(dbUrl);
        }
        Path pgDir = embeddedDir(dataDir);
        Optional<Integer> running = runningPort(pgDir);
        if (running.isPresent()) {
            return Database.running(pgDir, running.get());
        }
        return Database.embedded(pgDir, 0);
    }

    /** The port of a live server on {@code pgDir}. */
    static Optional<Integer> runningPort(Path pgDir) throws IOException {
        return PostmasterPid.of(pgDir).filter(p -> p.port() > 0 && p.server().isPresent()).map(PostmasterPid::port);
    }
}
