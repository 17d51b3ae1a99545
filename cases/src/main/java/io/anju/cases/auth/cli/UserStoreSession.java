package io.anju.cases.auth.cli;

import io.anju.cases.auth.PasswordHasher;
import io.anju.cases.auth.UserStore;
import io.anju.common.registry.Registry;
import io.vertx.core.Future;

import java.nio.file.Path;

/** The user store for one command: database (found or started), migrated schema, a small pool; closed after. */
final class UserStoreSession implements AutoCloseable {
    private final CommandDatabase db;
    private final UserStore users;

    UserStoreSession(Path dataDir, String dbUrl, int iterations, Registry registry) throws Exception {
        this.db = new CommandDatabase(dataDir, dbUrl);
        this.users = new UserStore(db.vertx(), db.pool(), new PasswordHasher(iterations), () -> registry);
    }

    UserStore users() {
        return users;
    }

    /** Waits for {@code future}; a failure is rethrown as its own exception (e.g. a CaseException). */
    static <T> T await(Future<T> future) throws Exception {
        return CommandDatabase.await(future);
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
