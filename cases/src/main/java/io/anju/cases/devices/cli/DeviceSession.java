package io.anju.cases.devices.cli;

import io.anju.cases.auth.cli.CommandDatabase;
import io.anju.cases.devices.DeviceRegistry;
import io.anju.cases.devices.RegistryStore;
import io.vertx.core.Future;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The registry for one command: database (the running service's, or started for the command), migrated schema, a
 * small pool. A change is made in the store only; the running case service's relay publishes it within its
 * {@code registry.relayInterval}.
 */
final class DeviceSession implements AutoCloseable {
    private final CommandDatabase db;
    private final RegistryStore store;
    private final DeviceRegistry devices;

    DeviceSession(Path dataDir, String dbUrl) throws Exception {
        this.db = new CommandDatabase(dataDir, dbUrl);
        this.store = new RegistryStore(db.pool(), Clock.systemUTC());
        this.devices = new DeviceRegistry(store, Clock.systemUTC(), revision -> { });
    }

    RegistryStore store() {
        return store;
    }

    DeviceRegistry devices() {
        return devices;
    }

    /** Waits for {@code future}; a failure is rethrown as its own exception (e.g. a refusal). */
    static <T> T await(Future<T> future) throws Exception {
        return CommandDatabase.await(future);
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
