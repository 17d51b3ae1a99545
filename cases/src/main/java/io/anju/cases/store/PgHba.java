package io.anju.cases.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * The client authentication file ({@code pg_hba.conf}) of an embedded data directory. Directories set up before the
 * server had a password trust every local connection; {@link #requirePasswords} replaces those rules with ones that
 * demand the password (scram-sha-256) on the local socket and on TCP alike.
 */
final class PgHba {
    static final String PASSWORDS_ONLY = """
            # Written by the Anju case service. Every connection, local socket or TCP, must prove the password of its
            # role (scram-sha-256); postgres's is in the .password file next to this data directory. No trust lines.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    private PgHba() {
    }

    /** Whether any rule of {@code pgDir}'s file lets a client in without a password. */
    static boolean trustsAnyone(Path pgDir) throws IOException {
        for (String line : Files.readAllLines(file(pgDir), StandardCharsets.UTF_8)) {
            String rule = line.replaceFirst("#.*", "").strip();
            if (Arrays.asList(rule.split("\\s+")).contains("trust")) {
                return true;
            }
        }
        return false;
    }

    /** Replaces {@code pgDir}'s rules with {@link #PASSWORDS_ONLY}; the server reads them when it next starts. */
    static void requirePasswords(Path pgDir) throws IOException {
        Path file = file(pgDir);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, PASSWORDS_ONLY, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path file(Path pgDir) {
        return pgDir.resolve("pg_hba.conf");
    }
}
