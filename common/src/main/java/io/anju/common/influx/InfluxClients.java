package io.anju.common.influx;

import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

import java.util.Optional;

/** The one way the platform's parts open an InfluxDB 1.x client: with the operator's credentials when there are any. */
public final class InfluxClients {
    private InfluxClients() {
    }

    /**
     * A client of {@code url} over {@code http} (the caller's timeouts); {@code credentials} empty: an InfluxDB
     * without authentication.
     */
    public static InfluxDB connect(String url, Optional<InfluxCredentials> credentials, OkHttpClient.Builder http) {
        return credentials.map(c -> InfluxDBFactory.connect(url, c.username(), c.password(), http))
                .orElseGet(() -> InfluxDBFactory.connect(url, http));
    }
}
