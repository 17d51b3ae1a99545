package io.anju.cases.auth.cli;

import io.anju.cases.auth.PasswordHasher;
import io.anju.cases.auth.UserStore;
import io.anju.cases.store.Database;
import io.anju.common.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The user store for one command: database (found or started), migrated schema, a small pool; closed after. */
final class UserStoreSession implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 60;

    private final Database db;
    private final Vertx vertx;
    private final Pool pool;
    private final UserStore users;

    UserStoreSession(Path dataDir, String dbUrl, int iterations, Registry registry) throws Exception {
        this.db = CasesDatabaseLocator.open(dataDir, dbUrl);
        try {
            db.migrate();
            this.vertx = Vertx.vertx();
            this.pool = db.pool(vertx, 2);
            this.users = new UserStore(vertx, pool, new PasswordHasher(iterations), registry);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    UserStore users() {
        return users;
    }

    /** Waits for {@code future}; a failure is rethrown as its own exception (e.g. a CaseException). */
    static <T> T await(Future<T> future) throws Exception {
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
