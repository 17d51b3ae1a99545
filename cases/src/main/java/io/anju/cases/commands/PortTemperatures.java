package io.anju.cases.commands;

import io.anju.common.influx.InfluxClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A port's newest temperature from the history job's InfluxDB (docs/data-model.md): the newer of its last
 * {@code charger_port_minute.temp_c_max} (the hottest reading of a minute, stamped with the minute's start) and its
 * last raw {@code charger_port.temp_c} (written at changes of state), within {@code readingMaxAge} of device time.
 * Device time is the simulated district's in the demo, so "now" comes from {@code deviceNow}, not the wall clock.
 * influxdb-java blocks, so queries run on Vert.x worker threads. Never fails: an outage is an unknown temperature.
 */
public final class PortTemperatures implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PortTemperatures.class);

    private final Vertx vertx;
    private final CommandSettings settings;
    private final LongSupplier deviceNow;
    private final InfluxDB influx;

    public PortTemperatures(Vertx vertx, CommandSettings settings, LongSupplier deviceNow) {
        this.vertx = vertx;
        this.settings = settings;
        this.deviceNow = deviceNow;
        if (settings.influxUrl() == null) {
            this.influx = null;
        } else {
            long timeout = settings.influxTimeout().toMillis();
            OkHttpClient.Builder http = new OkHttpClient.Builder()
                    .connectTimeout(timeout, TimeUnit.MILLISECONDS).readTimeout(timeout, TimeUnit.MILLISECONDS)
                    .callTimeout(timeout, TimeUnit.MILLISECONDS);
            this.influx = InfluxClients.connect(settings.influxUrl(),
                    Optional.ofNullable(settings.influxCredentials()), http);
        }
    }

    public Future<PortTemperature> of(String deviceId, int port) {
        if (influx == null) {
            return Future.succeededFuture(PortTemperature.unknown("no time-series store is configured "
                    + "(commands.influx.url)"));
        }
        Duration maxAge = settings.readingMaxAge();
        long fromNs = TimeUnit.MILLISECONDS.toNanos(deviceNow.getAsLong() - maxAge.toMillis());
        // fromNs is a number computed here, so it may sit in the text; device and port are bound.
        String where = " WHERE \"device\" = $device AND \"port\" = $port AND time >= " + fromNs;
        Query query = BoundParameterQuery.QueryBuilder.newQuery(
                        "SELECT last(\"temp_c_max\") FROM \"charger_port_minute\"" + where
                                + "; SELECT last(\"temp_c\") FROM \"charger_port\"" + where)
                .forDatabase(settings.influxDatabase()).bind("device", deviceId).bind("port", Integer.toString(port))
                .create();
        String none = "no reading of port " + port + " of " + deviceId + " in the last " + human(maxAge);
        return vertx.executeBlocking(() -> newest(influx.query(query), none), false)
                .recover(e -> {
                    LOG.warn("temperature of {}#{} not read: {}", deviceId, port, e.toString());
                    return Future.succeededFuture(PortTemperature.unknown("the time-series store did not answer ("
                            + e.getMessage() + ")"));
                });
    }

    private static PortTemperature newest(QueryResult result, String none) {
        if (result.hasError()) {
            throw new IllegalStateException(result.getError());
        }
        PortTemperature newest = null;
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                if (r.getError().startsWith("database not found")) {
                    continue; // nothing written yet: no reading, not an outage
                }
                throw new IllegalStateException(r.getError());
            }
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                for (List<Object> row : s.getValues()) {
                    if (row.get(1) instanceof Number c) {
                        Instant at = Instant.parse(String.valueOf(row.get(0)));
                        if (newest == null || at.isAfter(newest.at())) {
                            newest = PortTemperature.known(c.doubleValue(), at);
                        }
                    }
                }
            }
        }
        return newest != null ? newest : PortTemperature.unknown(none);
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    @Override
    public void close() {
        if (influx != null) {
            influx.close();
        }
    }
}
