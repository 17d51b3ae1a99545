package io.anju.dashboards.history;

import io.anju.common.influx.InfluxClients;
import io.anju.common.influx.InfluxCredentials;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A crowd zone's occupancy and density over the last hours, as 1-minute means of the stream jobs' {@code crowd_zone}
 * points in InfluxDB (docs/data-model.md). influxdb-java blocks, so queries run on Vert.x worker threads.
 */
public final class CrowdHistory implements AutoCloseable {
    public static final int MAX_HOURS = 48;

    private final Vertx vertx;
    private final InfluxDB influx;
    private final String database;

    /** {@code credentials} empty: an InfluxDB without authentication. */
    public CrowdHistory(Vertx vertx, String url, Optional<InfluxCredentials> credentials, String database,
                        Duration timeout) {
        this.vertx = vertx;
        this.database = database;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        this.influx = InfluxClients.connect(url, credentials, http);
    }

    /** One minute of a zone: its start (ISO-8601) and the mean occupancy (persons) and density (persons/m²). */
    public record Point(String t, double occupancy, double density) {
    }

    /** The zone's minutes over the last {@code hours} (1 to {@value #MAX_HOURS}), oldest first. */
    public Future<List<Point>> zone(String zoneId, int hours) {
        if (hours < 1 || hours > MAX_HOURS) {
            return Future.failedFuture(new IllegalArgumentException("hours must be between 1 and " + MAX_HOURS));
        }
        // hours is a checked integer, so it may sit in the text; the zone id is bound.
        Query query = BoundParameterQuery.QueryBuilder.newQuery("SELECT mean(\"occupancy\") AS \"occupancy\", "
                        + "mean(\"density\") AS \"density\" FROM \"crowd_zone\" WHERE \"zone\" = $zone AND time > now() - "
                        + hours + "h GROUP BY time(1m) fill(none)")
                .forDatabase(database).bind("zone", zoneId).create();
        return vertx.executeBlocking(() -> points(influx.query(query)), false);
    }

    /** Whether InfluxDB answers its ping. */
    public Future<Boolean> ping() {
        return vertx.executeBlocking(() -> influx.ping().isGood(), false);
    }

    private static List<Point> points(QueryResult result) {
        if (result.hasError()) {
            throw new IllegalStateException("InfluxDB: " + result.getError());
        }
        List<Point> points = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                if (r.getError().startsWith("database not found")) {
                    return List.of(); // nothing written yet: no history, not an outage
                }
                throw new IllegalStateException("InfluxDB: " + r.getError());
            }
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                int t = s.getColumns().indexOf("time");
                int occupancy = s.getColumns().indexOf("occupancy");
                int density = s.getColumns().indexOf("density");
                for (List<Object> row : s.getValues()) {
                    points.add(new Point(String.valueOf(row.get(t)), number(row.get(occupancy)), number(row.get(density))));
                }
            }
        }
        return points;
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @Override
    public void close() {
        influx.close();
    }
}
