package io.anju.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.influx.InfluxCredentials;
import io.anju.common.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Counts points in InfluxDB (1.x query API) by measurement, field, event-time window and device. */
final class InfluxCounts {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final InfluxCredentials credentials;
    private final String database;

    /** {@code credentials} null: an InfluxDB without authentication. */
    InfluxCounts(String url, InfluxCredentials credentials, String database) {
        this.url = url.replaceAll("/+$", "");
        this.credentials = credentials;
        this.database = database;
    }

    /** Points of {@code measurement} having {@code field}, with a timestamp in [from, to). */
    long count(String measurement, String field, Instant from, Instant to) throws IOException, InterruptedException {
        return aggregate("count", measurement, field, from, to, null);
    }

    /** The same, of the devices (tag {@code device}) whose id starts with {@code devicePrefix}. */
    long count(String measurement, String field, Instant from, Instant to, String devicePrefix)
            throws IOException, InterruptedException {
        return aggregate("count", measurement, field, from, to, devicePrefix);
    }

    /**
     * The sum of {@code field} over the points of {@code measurement} with a timestamp in [from, to) of the devices
     * whose id starts with {@code devicePrefix}.
     */
    long sum(String measurement, String field, Instant from, Instant to, String devicePrefix)
            throws IOException, InterruptedException {
        return aggregate("sum", measurement, field, from, to, devicePrefix);
    }

    private long aggregate(String function, String measurement, String field, Instant from, Instant to,
                           String devicePrefix) throws IOException, InterruptedException {
        String q = query(function, measurement, field, from, to, devicePrefix);
        URI uri = URI.create(url + "/query?db=" + enc(database) + "&q=" + enc(q));
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).GET();
        if (credentials != null) {
            req.header("Authorization", credentials.basicAuthorization());
        }
        HttpResponse<byte[]> res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (res.statusCode() != 200) {
            throw new IOException("InfluxDB answered " + res.statusCode() + " to " + q + ": "
                    + new String(res.body(), StandardCharsets.UTF_8));
        }
        return parseCount(Json.tree(res.body()));
    }

    static String query(String function, String measurement, String field, Instant from, Instant to,
                        String devicePrefix) {
        if (devicePrefix != null && !devicePrefix.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("device prefix must be [A-Za-z0-9_-]+ (was " + devicePrefix + ")");
        }
        return "SELECT " + function + "(\"" + field + "\") FROM \"" + measurement + "\" WHERE time >= " + nanos(from)
                + " AND time < " + nanos(to) + (devicePrefix == null ? "" : " AND \"device\" =~ /^" + devicePrefix + "/");
    }

    /** The single value of a {@code SELECT count(..)} or {@code sum(..)} answer; 0 when no point matched. */
    static long parseCount(JsonNode answer) throws IOException {
        JsonNode result = answer.path("results").path(0);
        if (result.has("error")) {
            throw new IOException("InfluxDB query failed: " + result.get("error").asText());
        }
        JsonNode values = result.path("series").path(0).path("values").path(0);
        return values.isMissingNode() ? 0 : values.path(1).asLong();
    }

    private static String nanos(Instant t) {
        return t.getEpochSecond() + String.format("%09d", t.getNano());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
