package io.anju.common.http;

import io.anju.common.config.ConfigValues;
import io.anju.common.config.Setting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.anju.common.config.Setting.duration;
import static io.anju.common.config.Setting.integer;
import static io.anju.common.config.Setting.string;

/**
 * How a Vert.x service listens: address, TLS from PEM files, and the limits that keep idle and slow clients from
 * holding connections. The settings beside {@code http.host} and {@code http.port} are the same in every service:
 * {@link #SETTINGS}, read with {@link #from}.
 *
 * @param host           {@code http.host}
 * @param port           {@code http.port}
 * @param tls            the PEM certificate chain and key, or empty for plain HTTP
 * @param idleTimeout    a connection that neither sends nor receives this long is closed
 * @param headerTimeout  time a client has for a request's headers, from connecting or from the previous answer's end
 * @param maxConnections open connections at most; more are closed on arrival
 */
public record ListenerSettings(String host, int port, Optional<Tls> tls, Duration idleTimeout, Duration headerTimeout,
                               int maxConnections) {

    /** A PEM certificate chain and its private key (PKCS#8 or PKCS#1). */
    public record Tls(Path certFile, Path keyFile) {
    }

    /** The listener settings every Vert.x service has after its {@code http.host} and {@code http.port}. */
    public static final List<Setting> SETTINGS = List.of(
            string("http.tls.certFile", "", "PEM certificate chain for HTTPS (with http.tls.keyFile); empty = plain HTTP"),
            string("http.tls.keyFile", "", "PEM private key (PKCS#8 or PKCS#1) of http.tls.certFile"),
            duration("http.idleTimeout", "60s", "1s", "1h", "A connection that sends and receives nothing this long is closed (live streams send a heartbeat every 15 s)"),
            duration("http.headerTimeout", "20s", "1s", "10m", "Time a client has to send a request's headers, from connecting or from the previous answer (slow clients, slowloris); also how long an unused keep-alive connection stays"),
            integer("http.maxConnections", 2_000, 1, 1_000_000, "Open connections at most (browsers, live streams, scrapers); more are closed on arrival"));

    /** Reads the listener from a service's loaded values; a TLS pair must be complete and readable. */
    public static ListenerSettings from(ConfigValues values) {
        String cert = values.str("http.tls.certFile");
        String key = values.str("http.tls.keyFile");
        if (cert.isEmpty() != key.isEmpty()) {
            throw new IllegalArgumentException("settings http.tls.certFile and http.tls.keyFile go together: set both"
                    + " for HTTPS or neither for plain HTTP");
        }
        Optional<Tls> tls = cert.isEmpty() ? Optional.empty()
                : Optional.of(new Tls(readable("http.tls.certFile", cert), readable("http.tls.keyFile", key)));
        return new ListenerSettings(values.str("http.host"), values.i("http.port"), tls, values.d("http.idleTimeout"),
                values.d("http.headerTimeout"), values.i("http.maxConnections"));
    }

    /** The scheme clients use: {@code https} with TLS. */
    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }

    private static Path readable(String key, String file) {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("setting " + key + ": cannot read " + path.toAbsolutePath());
        }
        return path;
    }
}
