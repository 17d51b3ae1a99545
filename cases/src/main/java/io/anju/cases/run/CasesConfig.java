package io.anju.cases.run;

import io.anju.cases.api.ApiSettings;
import io.anju.cases.commands.CommandSettings;
import io.anju.cases.notify.PushSettings;
import io.anju.cases.notify.SmsGatewayChannel;
import io.anju.cases.intake.IntakeSettings;
import io.anju.cases.notify.WebhookSettings;
import io.anju.common.alert.Severity;
import io.anju.common.config.ConfigValues;
import io.anju.common.config.Setting;
import io.anju.common.http.ListenerSettings;
import io.anju.common.http.MetricsAccess;
import io.anju.common.influx.InfluxCredentials;
import io.anju.common.topic.KafkaConnection;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.anju.common.config.Setting.decimal;
import static io.anju.common.config.Setting.duration;
import static io.anju.common.config.Setting.integer;
import static io.anju.common.config.Setting.port;
import static io.anju.common.config.Setting.string;

/**
 * The case service's configuration: defaults, then {@code --config FILE}, then {@code ANJU_*} environment variables,
 * then flags. Every value is validated at start with an error naming the setting.
 */
public final class CasesConfig {

    /** Environment variables of the case service: {@code http.port} → {@code ANJU_CASES_HTTP_PORT}. */
    public static final String ENV_PREFIX = "ANJU_CASES_";

    /** Every setting of the case service, in documentation order. */
    public static final List<Setting> SETTINGS = Stream.of(List.of(
            string("http.host", "0.0.0.0", "Address the HTTP API binds to"),
            port("http.port", 8081, "HTTP port of the API, /openapi.yaml, /health and /metrics (0 = any free port)")),
            ListenerSettings.SETTINGS, List.of(
            string("metrics.token", "", "Bearer token that lets callers read /metrics (16+ characters); empty = only callers on this host (loopback) may"),
            string("registry.file", "./data/registry.json", "Registry file imported as revision 1 when the case store holds no registry yet (the single-machine bootstrap); afterwards the store is the source of truth and routing follows its live revision"),
            duration("registry.relayInterval", "250ms", "10ms", "1m", "How often the registry relay looks for a revision newer than the one published to anju.registry (changes through the API are relayed at once)"),
            string("data.dir", "./data", "Data directory; the embedded PostgreSQL lives in <data.dir>/cases/postgres"),
            string("db.url", "", "JDBC URL of an external PostgreSQL (jdbc:postgresql://host:5432/anju?user=..&password=..); empty = embedded"),
            port("db.embeddedPort", 0, "Port of the embedded PostgreSQL on 127.0.0.1 (0 = any free port; it is logged and in postmaster.pid)"),
            integer("db.poolSize", 16, 2, 100, "Connections in the service's pool (more than intake.concurrency: the API and the notifier need some too)"),
            string("kafka.bootstrap", "127.0.0.1:9092", "Kafka bootstrap servers to read anju.alerts from"),
            string("kafka.clientConfig", "", "Kafka client properties file with the cluster's security settings (security.protocol, sasl.*, ssl.*; as Kafka tools' --command-config); the gateway's embedded broker: its data.dir/kafka-sasl/client.properties; empty = PLAINTEXT"),
            string("intake.groupId", "anju-cases", "Consumer group of the alert intake"),
            duration("intake.retryBackoff", "1s", "10ms", "10m", "Wait before retrying an alert the database could not take"),
            integer("intake.concurrency", IntakeSettings.DEFAULT_CONCURRENCY, 1, IntakeSettings.MAX_CONCURRENCY,
                    "Transactions a polled batch of alerts is applied in at the same time (one connection each); the "
                            + "batch's dedup keys are dealt whole into them, one key's alerts stay in order"),
            integer("intake.maxAttempts", IntakeSettings.DEFAULT_MAX_ATTEMPTS, 1, IntakeSettings.MAX_ATTEMPTS,
                    "Attempts at a record the database refuses for a reason of the record's own before it goes to "
                            + "anju.quarantine (an outage is retried as long as it lasts)"),
            duration("twin.publishInterval", "1s", "100ms", "1m", "How often the twin keeper writes the device twins that changed to anju.twin (each device at most once per interval); the streams' offsets are committed once those records are acknowledged"),
            string("categories.file", "", "Case categories (JSON); empty = the built-in table (docs/cases.md)"),
            string("district.id", "lianhu", "Id of the district command centre, the top of the escalation chain"),
            duration("auth.tokenTtl", "8h", "1m", "720h", "Lifetime of a sign-in token"),
            string("auth.keyFile", "", "HS256 key file for tokens; empty = <data.dir>/cases/jwt.key, created on first start"),
            integer("auth.passwordIterations", 210_000, 10_000, 10_000_000, "PBKDF2-HMAC-SHA256 iterations for new password hashes"),
            integer("login.maxFailures", ApiSettings.DEFAULT_LOGIN_MAX_FAILURES, 1, 100, "Failed sign-ins in a row for one name from one source before that name is refused from there for login.lockout (other sources may still sign in as it)"),
            duration("login.lockout", "30s", "1s", "1h", "How long a locked name-and-source or source is refused"),
            integer("login.sourceMaxFailures", ApiSettings.DEFAULT_LOGIN_SOURCE_MAX_FAILURES, 1, 100_000, "Failed sign-ins in a row from one source, whatever the names, before the source is refused for login.lockout"),
            integer("login.maxPerSecond", ApiSettings.DEFAULT_LOGIN_PER_SECOND, 1, 10_000, "Sign-in checks started per second over all sources (each is one PBKDF2 hash of auth.passwordIterations): more are refused with 429 for a second"),
            string("login.trustedProxies", "127.0.0.1,::1", "Peers (IP addresses, comma-separated) whose X-Forwarded-For names a sign-in's source, as the dashboards send it; empty = none"),
            decimal("deadlines.scale", 1, 1, 1_000, "Divides every category time limit and supervision span: for a demo that plays the world faster (the platform passes its speed); 1 = real time"),
            duration("supervision.interval", "10s", "100ms", "1h", "Longest wait between deadline checks; supervision also wakes at the earliest due step"),
            duration("supervision.remindEvery", "15m", "1s", "24h", "Reminders to the owner while a case is past its handling deadline"),
            duration("supervision.escalateAfter", "30m", "1s", "168h", "Each further span past the handling deadline escalates the case one level up"),
            duration("supervision.ackRemindEvery", "1m", "1s", "24h", "Reminders to the owner while a case is past its acknowledge or dispatch deadline"),
            duration("supervision.ackEscalateAfter", "2m", "1s", "168h", "Each further span past the acknowledge or dispatch deadline escalates the case one level up"),
            string("notify.webhook.url", "", "Notification webhook (an SMS/IM gateway); empty = none. Red cases need two people-facing channels: this, WeCom, DingTalk or SMS beside SSE"),
            string("notify.webhook.secret", "", "HMAC-SHA256 secret that signs notification requests (16+ characters)"),
            string("notify.minSeverity", "blue", "Lowest case severity that notifies people (blue, yellow, orange, red); export gets every change"),
            string("notify.wecom.url", "", "WeCom (企业微信) group robot URL with its key (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...); empty = off"),
            string("notify.wecom.minSeverity", "blue", "Lowest case severity posted to the WeCom robot"),
            string("notify.dingtalk.url", "", "DingTalk (钉钉) robot URL with its access_token (https://oapi.dingtalk.com/robot/send?access_token=...); empty = off"),
            string("notify.dingtalk.secret", "", "DingTalk robot signing secret (加签, SEC...); required with notify.dingtalk.url"),
            string("notify.dingtalk.minSeverity", "blue", "Lowest case severity posted to the DingTalk robot"),
            string("notify.sms.url", "", "SMS / voice gateway speaking Anju's contract (docs/cases.md); empty = off"),
            string("notify.sms.secret", "", "HMAC-SHA256 secret that signs SMS gateway requests (16+ characters)"),
            string("notify.sms.fallbackPhones", "", "Mobile numbers, comma-separated, texted for notices that name no recipients; required with notify.sms.url"),
            string("notify.sms.minSeverity", "orange", "Lowest case severity sent by SMS (red ones also ask for a voice call)"),
            string("export.webhook.url", "", "Export webhook of an external district grid platform; empty = no export"),
            string("export.webhook.secret", "", "HMAC-SHA256 secret that signs export requests (16+ characters)"),
            duration("outbox.retention", "168h", "1h", "87600h", "How long delivered (or given-up) notifications stay in the outbox; pending ones always stay"),
            integer("webhook.maxAttempts", 10, 1, 100, "Delivery attempts per notification or export before it is given up"),
            duration("webhook.initialBackoff", "2s", "10ms", "1h", "Wait before the first retry; doubles per attempt"),
            duration("webhook.maxBackoff", "5m", "10ms", "24h", "Longest wait between retries"),
            duration("webhook.timeout", "10s", "100ms", "5m", "Time a webhook receiver has to answer"),
            string("ack.baseUrl", "", "Where people reach the case service: acknowledge links in notices start with it; empty = http://localhost:<http.port>"),
            duration("ack.ttl", "2h", "1m", "168h", "How long an acknowledge link in a notice works"),
            string("ack.keyFile", "", "HMAC-SHA256 key file that signs acknowledge links; empty = <data.dir>/cases/ack.key, created on first start"),
            duration("commands.ttl", "1m", "1s", "24h", "How long a charger command sent for a case stays deliverable (the gateway holds it for an offline charger until then)"),
            string("commands.influx.url", "", "InfluxDB (v1 HTTP API) the history job writes to, for a port's temperature before a resume; empty = none (every resume is refused as of unknown temperature unless an operator overrides)"),
            string("commands.influx.database", "anju", "Database of the history job in that InfluxDB"),
            string("commands.influx.credentialsFile", "", "InfluxDB credentials file (username=, password=; mode 600) for that InfluxDB, as scripts/influxdb.sh writes it to <its data dir>/credentials.properties; empty = none (an InfluxDB without authentication)"),
            duration("commands.influx.timeout", "2s", "100ms", "1m", "How long a temperature query may take; after that the temperature is unknown and the resume refused"),
            duration("commands.readingMaxAge", "5m", "10s", "24h", "A port's newest temperature older than this (device time) is unknown, and the resume refused")))
            .flatMap(List::stream).toList();

    private final ConfigValues values;
    private final ListenerSettings listener;
    private final MetricsAccess metricsAccess;
    private final ApiSettings api;
    private final KafkaConnection kafka;

    private CasesConfig(ConfigValues values) {
        this.values = values;
        this.kafka = KafkaConnection.of(values.str("kafka.bootstrap"), values.str("kafka.clientConfig"),
                "kafka.clientConfig");
        this.listener = ListenerSettings.from(values);
        this.metricsAccess = MetricsAccess.of(values.str("metrics.token"));
        this.api = new ApiSettings(ApiSettings.DEFAULT_MAX_BODY_BYTES, values.i("login.maxFailures"),
                values.d("login.lockout"), values.i("login.sourceMaxFailures"), values.i("login.maxPerSecond"),
                Arrays.stream(values.str("login.trustedProxies").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).collect(Collectors.toSet()));
    }

    /** The HTTP listener: address, TLS, idle and header deadlines, connection cap. */
    public ListenerSettings listener() {
        return listener;
    }

    /** Who may read /metrics. */
    public MetricsAccess metricsAccess() {
        return metricsAccess;
    }

    /** The API's limits: body size and sign-in throttling. */
    public ApiSettings api() {
        return api;
    }

    public static CasesConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
        CasesConfig config = new CasesConfig(ConfigValues.load(SETTINGS, ENV_PREFIX, file, env, overrides));
        config.validateTogether();
        return config;
    }

    public static CasesConfig of(Map<String, String> overrides) {
        return load(Optional.empty(), Map.of(), overrides);
    }

    private void validateTogether() {
        webhookTiming().validate("webhook");
        notifyWebhook();
        exportWebhook();
        String url = dbUrl();
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("setting db.url must start with jdbc:postgresql:// (was " + url + ")");
        }
        notifyMinSeverity();
        ackBaseUrl();
        wecom();
        dingtalk();
        sms();
        if (sms().enabled()) {
            smsFallbackPhones();
        }
        commands();
        if (intakeConcurrency() >= dbPoolSize()) {
            throw new IllegalArgumentException("setting intake.concurrency (" + intakeConcurrency()
                    + ") must be below db.poolSize (" + dbPoolSize() + "): each key in flight holds a connection, and "
                    + "the API and the notifier need some too");
        }
    }

    /** The WeCom group robot; disabled without a URL. */
    public PushSettings wecom() {
        return push("notify.wecom", null).validate("notify.wecom", "key", 0);
    }

    /** The DingTalk robot; disabled without a URL. */
    public PushSettings dingtalk() {
        return push("notify.dingtalk", values.str("notify.dingtalk.secret")).validate("notify.dingtalk",
                "access_token", 1);
    }

    /** The SMS / voice gateway; disabled without a URL. */
    public PushSettings sms() {
        return push("notify.sms", values.str("notify.sms.secret")).validate("notify.sms", null,
                WebhookSettings.MIN_SECRET_LENGTH);
    }

    /** Who gets SMS for notices that name no recipients (checked when the gateway is on). */
    public List<String> smsFallbackPhones() {
        List<String> phones = Arrays.stream(values.str("notify.sms.fallbackPhones").split(","))
                .map(String::strip).filter(p -> !p.isEmpty()).toList();
        return SmsGatewayChannel.checkedPhones(phones);
    }

    private PushSettings push(String prefix, String secret) {
        String url = values.str(prefix + ".url");
        WebhookSettings timing = webhookTiming();
        return new PushSettings(url.isEmpty() ? null : url, secret, severity(prefix + ".minSeverity"),
                timing.timeout(), timing.backoff());
    }

    private Severity severity(String key) {
        try {
            return Severity.fromWire(values.str(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + key + ": " + e.getMessage());
        }
    }

    /** The people-facing notification webhook, validated by the notifier's own rules; disabled without a URL. */
    public WebhookSettings notifyWebhook() {
        return webhookTarget("notify.webhook");
    }

    /** The export webhook of an external grid platform; disabled without a URL. */
    public WebhookSettings exportWebhook() {
        return webhookTarget("export.webhook");
    }

    private WebhookSettings webhookTarget(String prefix) {
        String url = values.str(prefix + ".url");
        return webhookTiming().withTarget(url.isEmpty() ? null : url, values.str(prefix + ".secret")).validate(prefix);
    }

    private WebhookSettings webhookTiming() {
        return new WebhookSettings(null, null, values.d("webhook.timeout"), values.i("webhook.maxAttempts"),
                values.d("webhook.initialBackoff"), values.d("webhook.maxBackoff"));
    }

    public static String markdownTable() {
        return ConfigValues.markdownTable(SETTINGS, ENV_PREFIX);
    }

    public static String exampleProperties() {
        return ConfigValues.exampleProperties("case service", SETTINGS, ENV_PREFIX);
    }

    public String httpHost() { return values.str("http.host"); }

    public int httpPort() { return values.i("http.port"); }

    public Path registryFile() { return Path.of(values.str("registry.file")); }

    public Duration registryRelayInterval() { return values.d("registry.relayInterval"); }

    public Path dataDir() { return Path.of(values.str("data.dir")); }

    /** Where the embedded PostgreSQL keeps its data. */
    public Path embeddedDbDir() { return dataDir().resolve("cases").resolve("postgres"); }

    public String dbUrl() { return values.str("db.url"); }

    public int dbEmbeddedPort() { return values.i("db.embeddedPort"); }

    public int dbPoolSize() { return values.i("db.poolSize"); }

    public String kafkaBootstrap() { return values.str("kafka.bootstrap"); }

    /** {@code kafka.bootstrap} with the security settings of {@code kafka.clientConfig}: every Kafka client's. */
    public KafkaConnection kafka() { return kafka; }

    public String intakeGroupId() { return values.str("intake.groupId"); }

    public Duration intakeRetryBackoff() { return values.d("intake.retryBackoff"); }

    public Duration twinPublishInterval() { return values.d("twin.publishInterval"); }

    public int intakeConcurrency() { return values.i("intake.concurrency"); }

    public int intakeMaxAttempts() { return values.i("intake.maxAttempts"); }

    public Optional<Path> categoriesFile() {
        String v = values.str("categories.file");
        return v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v));
    }

    public String districtId() { return values.str("district.id"); }

    public Duration authTokenTtl() { return values.d("auth.tokenTtl"); }

    public Path authKeyFile() {
        String v = values.str("auth.keyFile");
        return v.isEmpty() ? dataDir().resolve("cases").resolve("jwt.key") : Path.of(v);
    }

    public int authPasswordIterations() { return values.i("auth.passwordIterations"); }

    /** What category limits and supervision spans are divided by (1 = real time). */
    public double deadlineScale() { return values.dbl("deadlines.scale"); }

    private Duration scaled(Duration span) {
        return Duration.ofMillis(Math.max(1, Math.round(span.toMillis() / deadlineScale())));
    }

    public Duration supervisionInterval() { return values.d("supervision.interval"); }

    public Duration supervisionRemindEvery() { return scaled(values.d("supervision.remindEvery")); }

    public Duration supervisionEscalateAfter() { return scaled(values.d("supervision.escalateAfter")); }

    public Duration supervisionAckRemindEvery() { return scaled(values.d("supervision.ackRemindEvery")); }

    public Duration supervisionAckEscalateAfter() { return scaled(values.d("supervision.ackEscalateAfter")); }

    public Severity notifyMinSeverity() {
        return severity("notify.minSeverity");
    }

    public Duration outboxRetention() { return values.d("outbox.retention"); }

    /**
     * The base of acknowledge links: an absolute http(s) URL without query, fragment or trailing slash; by default the
     * service's own port on localhost, which only works for people on the same machine (set it for a deployment).
     */
    public String ackBaseUrl() {
        return ackBaseUrl(httpPort());
    }

    /** {@code ack.baseUrl}, or this service on {@code boundPort} when it is empty (the port it listens on). */
    public String ackBaseUrl(int boundPort) {
        String v = values.str("ack.baseUrl");
        if (v.isEmpty()) {
            return listener.scheme() + "://localhost:" + boundPort;
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("setting ack.baseUrl must be a URL such as https://cases.example.org "
                    + "(was " + v + "): " + e.getReason());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("setting ack.baseUrl must be an http:// or https:// URL with a host and "
                    + "no query or fragment, such as https://cases.example.org (was " + v + ")");
        }
        return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    public Duration ackTtl() { return values.d("ack.ttl"); }

    /** How charger commands for cases are sent and a resume judged (checked at start, naming the setting). */
    public CommandSettings commands() {
        String url = values.str("commands.influx.url");
        return new CommandSettings(values.d("commands.ttl"), values.d("commands.readingMaxAge"),
                url.isEmpty() ? null : url, values.str("commands.influx.database"),
                InfluxCredentials.fromSetting("commands.influx.credentialsFile",
                        values.str("commands.influx.credentialsFile")).orElse(null),
                values.d("commands.influx.timeout"));
    }

    public Path ackKeyFile() {
        String v = values.str("ack.keyFile");
        return v.isEmpty() ? dataDir().resolve("cases").resolve("ack.key") : Path.of(v);
    }

    @Override
    public String toString() {
        return "CasesConfig" + values;
    }
}
