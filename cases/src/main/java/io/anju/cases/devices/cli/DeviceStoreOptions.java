package io.anju.cases.devices.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the registry lives and who changes it, shared by every {@code device} subcommand. */
final class DeviceStoreOptions {
    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Data directory; the database is <data-dir>/cases/postgres (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", description = "JDBC URL of an external PostgreSQL instead of the embedded one.")
    String dbUrl;

    @Option(names = "--by", description = "Who makes the change, for the audit (default: cli:<your login name>).")
    String by;

    String changedBy() {
        return by != null && !by.isBlank() ? by : "cli:" + System.getProperty("user.name");
    }

    DeviceSession open() throws Exception {
        return new DeviceSession(dataDir, dbUrl);
    }
}
