package io.anju.cases.auth.cli;

import io.anju.cases.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The case store for one command line (user, device): the database (the running service's, or started for the
 * command), its migrated schema and a small pool; closed after the command.
 */
public final class CommandDatabase implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 60;

    private final Database db;
    private final Vertx vertx;
    private final Pool pool;

    public CommandDatabase(Path dataDir, String dbUrl) throws Exception {
        this.db = CasesDatabaseLocator.open(dataDir, dbUrl);
        try {
            db.migrate();
            this.vertx = Vertx.vertx();
            this.pool = db.pool(vertx, 2);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    public Pool pool() {
        return pool;
    }

    /** Waits for {@code future}; a failure is rethrown as its own exception (e.g. a refusal). */
    public static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the database did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            await(pool.close());
            await(vertx.close());
        } finally {
            db.close();
        }
    }
}
