package io.anju.cases.devices.cli;

import io.anju.cases.auth.cli.CasesDatabaseLocator;
import io.anju.cases.devices.DeviceRegistry;
import io.anju.cases.devices.RegistryStore;
import io.anju.cases.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The registry for one command: database (the running service's, or started for the command), migrated schema, a
 * small pool. A change is made in the store only; the running case service's relay publishes it within its
 * {@code registry.relayInterval}.
 */
final class DeviceSession implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 60;

    private final Database db;
    private final Vertx vertx;
    private final Pool pool;
    private final RegistryStore store;
    private final DeviceRegistry devices;

    DeviceSession(Path dataDir, String dbUrl) throws Exception {
        this.db = CasesDatabaseLocator.open(dataDir, dbUrl);
        try {
            db.migrate();
            this.vertx = Vertx.vertx();
            this.pool = db.pool(vertx, 2);
            this.store = new RegistryStore(pool, Clock.systemUTC());
            this.devices = new DeviceRegistry(store, Clock.systemUTC(), revision -> { });
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    RegistryStore store() {
        return store;
    }

    DeviceRegistry devices() {
        return devices;
    }

    /** Waits for {@code future}; a failure is rethrown as its own exception (e.g. a refusal). */
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
