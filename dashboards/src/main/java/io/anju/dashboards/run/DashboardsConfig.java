package io.anju.dashboards.run;

import io.anju.common.config.ConfigValues;
import io.anju.common.config.Setting;
import io.anju.common.http.ListenerSettings;
import io.anju.common.http.MetricsAccess;
import io.anju.common.influx.InfluxCredentials;
import io.anju.common.topic.KafkaConnection;
import io.anju.dashboards.session.OriginCheck;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.anju.common.config.Setting.duration;
import static io.anju.common.config.Setting.integer;
import static io.anju.common.config.Setting.longValue;
import static io.anju.common.config.Setting.port;
import static io.anju.common.config.Setting.string;

/**
 * The dashboards service's configuration: defaults, then {@code --config FILE}, then {@code ANJU_DASHBOARDS_*}
 * environment variables, then flags. Every value is validated at start with an error naming the setting.
 */
public final class DashboardsConfig {

    /** Environment variables of the dashboards: {@code http.port} → {@code ANJU_DASHBOARDS_HTTP_PORT}. */
    public static final String ENV_PREFIX = "ANJU_DASHBOARDS_";

    /** Every setting of the dashboards service, in documentation order. */
    public static final List<Setting> SETTINGS = Stream.of(List.of(
            string("http.host", "0.0.0.0", "Address the web front end and its API bind to"),
            port("http.port", 8080, "HTTP port of the front end, /api, /health and /metrics (0 = any free port)")),
            ListenerSettings.SETTINGS, List.of(
            string("http.allowedOrigins", "", "Origins besides the service's own (scheme and Host of the request) whose pages may send changes, comma-separated (https://dashboards.example.org behind a TLS proxy); empty = own origin only"),
            string("metrics.token", "", "Bearer token that lets callers read /metrics (16+ characters); empty = only callers on this host (loopback) may"),
            string("registry.file", "./data/registry.json", "Registry of places and devices: scopes and the street schematic follow it; in use until the first revision on anju.registry, which the dashboards follow from then on"),
            string("data.dir", "./data", "Data directory of the platform"),
            string("kafka.bootstrap", "127.0.0.1:9092", "Kafka bootstrap servers for live telemetry and alerts"),
            string("kafka.clientConfig", "", "Kafka client properties file with the cluster's security settings (security.protocol, sasl.*, ssl.*; as Kafka tools' --command-config); the gateway's embedded broker: its data.dir/kafka-sasl/client.properties; empty = PLAINTEXT"),
            string("cases.url", "http://127.0.0.1:8081", "Base URL of the case service: sign-in, scopes, cases and KPIs"),
            string("influx.url", "", "InfluxDB 1.x URL for the crowd history (http://127.0.0.1:8086); empty = no history"),
            string("influx.db", "anju", "InfluxDB database the stream jobs write"),
            string("influx.credentialsFile", "", "InfluxDB credentials file (username=, password=; mode 600), as scripts/influxdb.sh writes it to <its data dir>/credentials.properties; empty = none (an InfluxDB without authentication)"),
            duration("crowd.staleAfter", "30s", "10s", "1h", "A crowd zone whose counter has not been heard this long is marked stale on the crowd map (counters report every 10 s)"),
            string("snapshot.dir", "", "The gateway's snapshot blob store; empty = <data.dir>/snapshots"),
            string("metrics.gateway", "http://127.0.0.1:9080/metrics", "Prometheus endpoint of the gateway, for /api/ops; empty = not scraped"),
            string("metrics.jobs", "http://127.0.0.1:9081/metrics", "Prometheus endpoint of the stream jobs, for /api/ops; empty = not scraped"),
            string("metrics.cases", "http://127.0.0.1:8081/metrics", "Prometheus endpoint of the case service, for /api/ops; empty = not scraped"),
            string("ops.metricsToken", "", "Bearer token sent when scraping those endpoints (the case service's metrics.token); empty = none"),
            duration("ops.interval", "5s", "100ms", "10m", "How often the services' /metrics are scraped; rates are over this span"),
            longValue("ops.gatewayBufferBytes", 64L << 20, 1L << 20, 1L << 34,
                    "The gateway's kafka.bufferMemoryBytes: the in-flight bytes are shown as a share of it"),
            duration("session.ttl", "8h", "1m", "720h", "Lifetime of a dashboard sign-in (never longer than the case-service token)"),
            integer("session.max", 10_000, 1, 1_000_000, "Sessions kept at once; the one closest to expiry goes first"),
            duration("session.recheck", "3s", "500ms", "5m", "How old the case service's word on a signed-in person may be: a disabled account or a changed role or scope takes effect, live streams included, within this and one answer of the case service"),
            duration("upstream.timeout", "10s", "100ms", "5m", "Time the case service, InfluxDB and /metrics endpoints have to answer")))
            .flatMap(List::stream).toList();

    private final ConfigValues values;
    private final ListenerSettings listener;
    private final List<String> allowedOrigins;
    private final MetricsAccess metricsAccess;
    private final KafkaConnection kafka;
    /** Read once at load: a missing or open file fails there, naming {@code influx.credentialsFile}. */
    private final Optional<InfluxCredentials> influxCredentials;

    private DashboardsConfig(ConfigValues values) {
        this.values = values;
        this.kafka = KafkaConnection.of(values.str("kafka.bootstrap"), values.str("kafka.clientConfig"),
                "kafka.clientConfig");
        this.influxCredentials = InfluxCredentials.fromSetting("influx.credentialsFile",
                values.str("influx.credentialsFile"));
        this.listener = ListenerSettings.from(values);
        this.allowedOrigins = OriginCheck.parse(values.str("http.allowedOrigins"));
        this.metricsAccess = MetricsAccess.of(values.str("metrics.token"));
    }

    public static DashboardsConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
        DashboardsConfig config = new DashboardsConfig(ConfigValues.load(SETTINGS, ENV_PREFIX, file, env, overrides));
        config.validateTogether();
        return config;
    }

    public static DashboardsConfig of(Map<String, String> overrides) {
        return load(Optional.empty(), Map.of(), overrides);
    }

    private void validateTogether() {
        requireHttpUrl("cases.url", false);
        requireHttpUrl("influx.url", true);
        requireHttpUrl("metrics.gateway", true);
        requireHttpUrl("metrics.jobs", true);
        requireHttpUrl("metrics.cases", true);
        if (influxDb().isBlank()) {
            throw new IllegalArgumentException("setting influx.db must not be empty");
        }
    }

    private void requireHttpUrl(String key, boolean emptyAllowed) {
        String v = values.str(key);
        if (v.isEmpty() && emptyAllowed) {
            return;
        }
        boolean ok;
        try {
            URI uri = URI.create(v);
            ok = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        if (!ok) {
            throw new IllegalArgumentException("setting " + key + " must be an http(s) URL (was '" + v + "')");
        }
    }

    public static String markdownTable() {
        return ConfigValues.markdownTable(SETTINGS, ENV_PREFIX);
    }

    public static String exampleProperties() {
        return ConfigValues.exampleProperties("dashboards", SETTINGS, ENV_PREFIX);
    }

    public String httpHost() { return values.str("http.host"); }

    public int httpPort() { return values.i("http.port"); }

    /** The HTTP listener: address, TLS, idle and header deadlines, connection cap. */
    public ListenerSettings listener() { return listener; }

    /** Origins besides the service's own whose pages may send changes. */
    public List<String> allowedOrigins() { return allowedOrigins; }

    /** Who may read /metrics. */
    public MetricsAccess metricsAccess() { return metricsAccess; }

    /** The bearer token sent with the scrapes of /api/ops, if any. */
    public Optional<String> opsMetricsToken() { return optional("ops.metricsToken"); }

    /** How old the case service's word on a signed-in person may be. */
    public Duration sessionRecheck() { return values.d("session.recheck"); }

    public Path registryFile() { return Path.of(values.str("registry.file")); }

    public Path dataDir() { return Path.of(values.str("data.dir")); }

    public String kafkaBootstrap() { return values.str("kafka.bootstrap"); }

    /** {@code kafka.bootstrap} with the security settings of {@code kafka.clientConfig}: every Kafka client's. */
    public KafkaConnection kafka() { return kafka; }

    /** The case service's base URL, without a trailing slash. */
    public String casesUrl() { return trimSlash(values.str("cases.url")); }

    /** The InfluxDB URL, or empty when the crowd history is off. */
    public Optional<String> influxUrl() {
        String v = values.str("influx.url");
        return v.isEmpty() ? Optional.empty() : Optional.of(trimSlash(v));
    }

    public String influxDb() { return values.str("influx.db"); }

    /** The user and password of {@code influx.credentialsFile}, or empty for an InfluxDB without authentication. */
    public Optional<InfluxCredentials> influxCredentials() {
        return influxCredentials;
    }

    /** The gateway's blob store of snapshot images. */
    public Path snapshotDir() {
        String v = values.str("snapshot.dir");
        return v.isEmpty() ? dataDir().resolve("snapshots") : Path.of(v);
    }

    public Optional<String> metricsGateway() { return optional("metrics.gateway"); }

    public Optional<String> metricsJobs() { return optional("metrics.jobs"); }

    public Optional<String> metricsCases() { return optional("metrics.cases"); }

    public Duration opsInterval() { return values.d("ops.interval"); }

    public long opsGatewayBufferBytes() { return values.l("ops.gatewayBufferBytes"); }

    public Duration sessionTtl() { return values.d("session.ttl"); }

    /** A crowd zone whose counter is silent this long shows stale. */
    public Duration crowdStaleAfter() { return values.d("crowd.staleAfter"); }

    public int sessionMax() { return values.i("session.max"); }

    public Duration upstreamTimeout() { return values.d("upstream.timeout"); }

    private Optional<String> optional(String key) {
        String v = values.str(key);
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "DashboardsConfig" + values;
    }
}
