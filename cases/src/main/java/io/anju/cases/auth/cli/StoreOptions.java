package io.anju.cases.auth.cli;

import io.anju.cases.auth.PasswordHasher;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the users live, shared by every {@code user} subcommand. */
final class StoreOptions {

    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Data directory; the database is <data-dir>/cases/postgres (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", description = "JDBC URL of an external PostgreSQL instead of the embedded one.")
    String dbUrl;

    @Option(names = "--registry",
            description = "Registry file to check scope ids against (default: <data-dir>/registry.json when present).")
    Path registry;

    @Option(names = "--password-iterations", defaultValue = "" + PasswordHasher.DEFAULT_ITERATIONS, hidden = true,
            description = "PBKDF2 iterations for new hashes (setting auth.passwordIterations; default: ${DEFAULT-VALUE}).")
    int iterations;

    UserStoreSession open() throws Exception {
        return new UserStoreSession(dataDir, dbUrl, iterations, loadRegistry());
    }

    /** The registry to check scope ids against, or null when there is none. */
    Registry loadRegistry() {
        if (registry != null) {
            return RegistryLoader.load(registry);
        }
        Path beside = dataDir.resolve("registry.json");
        return Files.isRegularFile(beside) ? RegistryLoader.load(beside) : null;
    }
}
