package io.anju.dashboards.run;

import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.dashboards.live.LiveHub;
import io.anju.dashboards.live.LiveSettings;
import io.anju.dashboards.history.CrowdHistory;
import io.anju.dashboards.history.CrowdHistoryEndpoint;
import io.anju.dashboards.ops.OpsMonitor;
import io.anju.common.http.HttpListener;
import io.anju.dashboards.registry.RegistryInUse;
import io.anju.dashboards.session.CaseSignIn;
import io.anju.dashboards.session.CsrfGuard;
import io.anju.dashboards.session.OriginCheck;
import io.anju.dashboards.session.SessionGuard;
import io.anju.dashboards.session.SessionHandlers;
import io.anju.dashboards.session.SessionStore;
import io.anju.dashboards.web.CasesProxy;
import io.anju.dashboards.web.DashboardsRouter;
import io.anju.dashboards.web.HealthEndpoint;
import io.anju.dashboards.web.LiveModule;
import io.anju.dashboards.web.PlacesView;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The dashboards service, assembled: the registry (the file's, then the revisions of {@code anju.registry}), sign-in
 * through the case service with in-memory sessions, the crowd history from InfluxDB, the case proxy, the operations
 * scraper, the live part, and the HTTP server with the front end. {@link #close()} stops them in reverse order.
 */
public final class DashboardsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardsServer.class);
    private static final long START_TIMEOUT_S = 60;
    private static final long SESSION_PURGE_MS = 60_000;
    private static final int CLIENT_KEEP_ALIVE_S = 5;
    /** How long a starting service waits to read the registry's published revisions before it serves. */
    private static final Duration REGISTRY_CATCH_UP = Duration.ofSeconds(15);

    /** The live part used by {@link #start(DashboardsConfig)}: Kafka → live state → /api/live and the live routes. */
    static final LiveFactory DEFAULT_LIVE = (vertx, registry, config, meters) -> {
        LiveHub hub = new LiveHub(vertx, registry, LiveSettings.defaults(config.kafka(), config.snapshotDir())
                .withCrowdStaleAfter(config.crowdStaleAfter()), meters);
        hub.relayCasesFrom(config.casesUrl());
        hub.start();
        return hub;
    };

    private final Vertx vertx;
    private final RegistryInUse registry;
    private final HttpListener http;
    private final LiveModule live;
    private final OpsMonitor ops;
    private final Optional<CrowdHistory> history;
    private final SessionStore sessions;
    private final PrometheusMeterRegistry metrics;
    private final long purgeTimer;
    private final long recheckTimer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DashboardsServer(Vertx vertx, RegistryInUse registry, HttpListener http, LiveModule live, OpsMonitor ops,
                             Optional<CrowdHistory> history, SessionStore sessions, PrometheusMeterRegistry metrics,
                             long purgeTimer, long recheckTimer) {
        this.vertx = vertx;
        this.registry = registry;
        this.http = http;
        this.live = live;
        this.ops = ops;
        this.history = history;
        this.sessions = sessions;
        this.metrics = metrics;
        this.purgeTimer = purgeTimer;
        this.recheckTimer = recheckTimer;
    }

    /** Starts the service with the default live part; returns when it listens. Fails naming the setting at fault. */
    public static DashboardsServer start(DashboardsConfig config) throws Exception {
        return start(config, DEFAULT_LIVE);
    }

    /** Starts the service with the given live part; returns when it listens. */
    public static DashboardsServer start(DashboardsConfig config, LiveFactory liveFactory) throws Exception {
        Registry fromFile = loadRegistry(config);
        RegistryInUse registry = liveFactory.readsKafka()
                ? RegistryInUse.following(config.kafka(), fromFile, REGISTRY_CATCH_UP)
                : RegistryInUse.fileOnly(fromFile);
        Vertx vertx = Vertx.vertx();
        LiveModule live = null;
        Optional<CrowdHistory> history = Optional.empty();
        OpsMonitor ops = null;
        try {
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(metrics);
            new JvmThreadMetrics().bindTo(metrics);
            registry.register(metrics);
            // Idle connections are dropped well before the services' listeners close them (the case service's
            // http.headerTimeout, 20 s; the gateway's /metrics, 10 s), so a request never goes out on one being closed.
            WebClient client = WebClient.create(vertx, new WebClientOptions().setUserAgent("anju-dashboards")
                    .setKeepAliveTimeout(CLIENT_KEEP_ALIVE_S));
            SessionStore sessions = new SessionStore(Clock.systemUTC(), config.sessionMax());
            CaseSignIn signIn = new CaseSignIn(client, config.casesUrl(), config.upstreamTimeout());
            SessionGuard guard = new SessionGuard(registry, sessions,
                    new SessionGuard.Recheck(signIn::me, config.sessionRecheck()));
            history = config.influxUrl().map(url -> new CrowdHistory(vertx, url, config.influxCredentials(),
                    config.influxDb(), config.upstreamTimeout()));
            ops = new OpsMonitor(vertx, client, new OpsMonitor.Targets(config.metricsGateway(), config.metricsJobs(),
                    config.metricsCases(), config.opsMetricsToken()), config.opsInterval(), config.opsGatewayBufferBytes(),
                    config.upstreamTimeout(), Clock.systemUTC());
            live = liveFactory.create(vertx, registry, config, metrics);

            DashboardsRouter.Parts parts = new DashboardsRouter.Parts(guard,
                    new CsrfGuard(sessions, new OriginCheck(config.allowedOrigins())),
                    new SessionHandlers(signIn, sessions, guard, config.sessionTtl()),
                    new PlacesView(registry),
                    new CrowdHistoryEndpoint(history, registry, guard),
                    new CasesProxy(client, config.casesUrl(), guard, config.upstreamTimeout()),
                    ops,
                    new HealthEndpoint(client, config.casesUrl(), live, history, registry),
                    metrics, config.metricsAccess(), live);
            HttpListener http = listen(vertx, DashboardsRouter.create(vertx, parts), config);
            FunctionCounter.builder("anju.dashboards.http.connections.refused", http, HttpListener::refused)
                    .description("connections closed on arrival: http.maxConnections were open").register(metrics);
            FunctionCounter.builder("anju.dashboards.http.connections.timed.out", http, HttpListener::timedOut)
                    .description("connections closed for not sending a request within http.headerTimeout")
                    .register(metrics);
            live.useOps(ops);
            ops.start();
            long purge = vertx.setPeriodic(SESSION_PURGE_MS, id -> sessions.purgeExpired());
            long recheck = vertx.setPeriodic(guard.sweepEvery().toMillis(), id -> guard.recheckStreaming());
            LOG.info("dashboards on {}://{}:{} (cases {}, history {}, registry revision {}: {} zones)",
                    config.listener().scheme(), config.httpHost(), http.actualPort(), config.casesUrl(),
                    config.influxUrl().orElse("off"), registry.revision(), registry.get().zones().size());
            return new DashboardsServer(vertx, registry, http, live, ops, history, sessions, metrics, purge, recheck);
        } catch (Exception | Error e) {
            if (ops != null) {
                ops.close();
            }
            history.ifPresent(CrowdHistory::close);
            if (live != null) {
                live.close();
            }
            vertx.close().await(10, TimeUnit.SECONDS);
            registry.close();
            throw e;
        }
    }

    private static HttpListener listen(Vertx vertx, io.vertx.ext.web.Router router, DashboardsConfig config)
            throws Exception {
        try {
            return HttpListener.listen(vertx, router, config.listener()).await(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalArgumentException("settings http.port / http.host / http.tls.*: cannot listen on "
                    + config.httpHost() + ":" + config.httpPort() + ": " + e.getMessage(), e);
        }
    }

    private static Registry loadRegistry(DashboardsConfig config) {
        try {
            return RegistryLoader.load(config.registryFile());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("setting registry.file: cannot load " + config.registryFile() + ": "
                    + e.getMessage(), e);
        }
    }

    public int httpPort() {
        return http.actualPort();
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** The operations scraper (the live part relays its reports to operators). */
    public OpsMonitor ops() {
        return ops;
    }

    /** The signed-in sessions (tests open one directly for a viewer whose token is never used). */
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("stopping the dashboards ...");
        await(http.close(), "HTTP server");
        vertx.cancelTimer(purgeTimer);
        vertx.cancelTimer(recheckTimer);
        ops.close();
        try {
            live.close();
        } catch (RuntimeException e) {
            LOG.warn("stopping the live part: {}", e.toString());
        }
        history.ifPresent(CrowdHistory::close);
        await(vertx.close(), "Vert.x");
        registry.close();
        LOG.info("dashboards stopped");
    }

    private static void await(Future<?> f, String what) {
        try {
            f.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("stopping {}: {}", what, e.toString());
        }
    }
}
