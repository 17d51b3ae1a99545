package io.anju.common.influx;

import io.anju.common.auth.PrivateFiles;
import io.anju.common.config.Require;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * A user and password of an InfluxDB 1.x with {@code auth-enabled}, read from a credentials file: a properties file
 * with {@code username} and {@code password}, readable by its owner only. {@code scripts/influxdb.sh} writes one at
 * {@code <data-dir>/credentials.properties} when it creates the server's admin. Every client of InfluxDB reads it
 * through this class; the password never goes on a command line or in a URL, and {@link #toString()} hides it.
 */
public record InfluxCredentials(String username, String password) implements Serializable {
    /** The file's name in the data directory of {@code scripts/influxdb.sh} (and of the tests' InfluxServer). */
    public static final String FILE_NAME = "credentials.properties";

    public InfluxCredentials {
        Require.that(username != null && !username.isBlank(), "influx username", username, "must not be empty");
        Require.that(password != null && !password.isEmpty(), "influx password", "****", "must not be empty");
    }

    /**
     * The credentials of {@code file} (the value of {@code setting}); empty when the setting is empty, for an
     * InfluxDB without authentication.
     */
    public static Optional<InfluxCredentials> fromSetting(String setting, String file) {
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(read(setting, Path.of(file.strip())));
    }

    /** Reads {@code file}; fails naming {@code setting} and the file when it is missing, not private or incomplete. */
    public static InfluxCredentials read(String setting, Path file) {
        Require.that(Files.isRegularFile(file) && Files.isReadable(file), setting, file,
                "must be a readable InfluxDB credentials file (username=..., password=...)");
        try {
            // A password others may read is no password: refuse rather than warn, as for PostgreSQL's.
            Optional<String> open = PrivateFiles.notPrivate(file);
            if (open.isPresent()) {
                throw Require.failure(setting, file, open.get());
            }
        } catch (IOException e) {
            throw Require.failure(setting, file, "cannot read its permissions: " + e);
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw Require.failure(setting, file, "cannot be read as a properties file: " + e.getMessage());
        }
        String username = p.getProperty("username", "").strip();
        String password = p.getProperty("password", "").strip();
        Require.that(!username.isEmpty(), setting, file, "has no username");
        Require.that(!password.isEmpty(), setting, file, "has no password");
        return new InfluxCredentials(username, password);
    }

    /** The value of an HTTP {@code Authorization} header (basic), which InfluxDB 1.x accepts on every endpoint. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "InfluxCredentials[username=" + username + ", password=****]";
    }
}
