package io.anju.jobs.history;

import io.anju.common.influx.InfluxClients;
import io.anju.common.influx.InfluxCredentials;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@link LineStore} on the influxdb-java client: synchronous writes of line protocol over the v1 HTTP API. */
final class InfluxLineStore implements LineStore {
    private final InfluxDB client;
    private final String database;
    private final String retentionPolicy;

    private InfluxLineStore(InfluxDB client, String database, String retentionPolicy) {
        this.client = client;
        this.database = database;
        this.retentionPolicy = retentionPolicy;
    }

    static InfluxLineStore connect(InfluxSettings settings) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("influx.url is not set: no InfluxDB to write to");
        }
        // Bounded timeouts: a hung InfluxDB turns into a failed attempt that the writer retries, not a stuck task.
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .writeTimeout(30, TimeUnit.SECONDS)
                .retryOnConnectionFailure(false);
        InfluxDB client = InfluxClients.connect(settings.url(), Optional.ofNullable(settings.username())
                .map(user -> new InfluxCredentials(user, settings.password())), http);
        return new InfluxLineStore(client, settings.database(), settings.retentionPolicy());
    }

    @Override
    public void createDatabase() {
        client.query(new Query("CREATE DATABASE \"" + database.replace("\"", "\\\"") + "\""));
    }

    @Override
    public void write(List<String> lines) {
        client.write(database, retentionPolicy, InfluxDB.ConsistencyLevel.ONE, TimeUnit.NANOSECONDS, lines);
    }

    @Override
    public void close() {
        client.close();
    }
}
