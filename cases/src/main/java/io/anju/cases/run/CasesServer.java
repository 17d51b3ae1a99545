package io.anju.cases.run;

import io.anju.cases.access.AccessPolicy;
import io.anju.cases.api.CasesHttp;
import io.anju.cases.api.HealthChecks;
import io.anju.cases.auth.JwtKeyFile;
import io.anju.cases.auth.PasswordHasher;
import io.anju.cases.auth.TokenService;
import io.anju.cases.auth.UserStore;
import io.anju.cases.commands.CaseCommands;
import io.anju.cases.commands.CommandOutcomeIntake;
import io.anju.cases.commands.CommandPublisher;
import io.anju.cases.commands.CommandOutcomes;
import io.anju.cases.commands.PortTemperatures;
import io.anju.cases.devices.DeviceRegistry;
import io.anju.cases.devices.LiveRegistry;
import io.anju.cases.devices.RegistryBootstrap;
import io.anju.cases.devices.RegistryRelay;
import io.anju.cases.devices.RegistryRevision;
import io.anju.cases.devices.RegistryStore;
import io.anju.cases.diagnostics.DiagnosticsIntake;
import io.anju.cases.diagnostics.DiagnosticsStore;
import io.anju.cases.intake.AlertIntake;
import io.anju.cases.intake.IntakeSettings;
import io.anju.cases.kpi.KpiReport;
import io.anju.cases.notify.DeliveryAttempts;
import io.anju.cases.notify.DeliveryChannel;
import io.anju.cases.notify.DingTalkChannel;
import io.anju.cases.notify.NoticeText;
import io.anju.cases.text.CaseTexts;
import io.anju.cases.twin.DeviceTwins;
import io.anju.cases.twin.TwinKeeper;
import io.anju.cases.notify.SmsGatewayChannel;
import io.anju.cases.notify.WeComChannel;
import io.anju.cases.undelivered.UndeliveredRedEscalation;
import io.anju.cases.notify.DispatcherSettings;
import io.anju.cases.notify.NotificationPolicy;
import io.anju.cases.notify.OutboxDispatcher;
import io.anju.cases.notify.OutboxRetention;
import io.anju.cases.notify.Outbox;
import io.anju.cases.notify.PgOutbox;
import io.anju.cases.people.AckSigner;
import io.anju.cases.people.Acknowledger;
import io.anju.cases.people.AddressedOutbox;
import io.anju.cases.people.PeopleApi;
import io.anju.cases.people.RecipientResolver;
import io.anju.cases.people.RotaAccess;
import io.anju.cases.notify.SseHub;
import io.anju.cases.notify.SseSettings;
import io.anju.cases.notify.WebhookChannel;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.routing.GridRouter;
import io.anju.cases.service.CaseService;
import io.anju.cases.service.PgCaseService;
import io.anju.cases.store.Database;
import io.anju.cases.supervise.Deadlines;
import io.anju.cases.supervise.SupervisionSettings;
import io.anju.cases.supervise.SupervisionTimer;
import io.anju.common.http.HttpListener;
import io.anju.common.registry.Registry;
import io.anju.common.registry.live.RegistryPublisher;
import io.anju.common.registry.live.RegistryTopic;
import io.anju.common.topic.Replication;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.KafkaProbe;
import io.anju.common.topic.Topics;
import io.anju.common.twin.TwinTopic;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The case service, assembled: PostgreSQL (embedded or external) with its schema, the case service, notifications
 * (outbox dispatcher, SSE, webhooks), supervision on a timer, the alert, command outcome and diagnostics intakes from
 * Kafka, the device twin keeper, and the HTTP API.
 * {@link #close()} stops them in the reverse order, so nothing in flight is lost: the intake commits only what the
 * database took, and undelivered notifications wait in the outbox for the next start.
 */
public final class CasesServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CasesServer.class);
    private static final long START_TIMEOUT_S = 60;

    private final Database database;
    private final Vertx vertx;
    private final Pool pool;
    private final PrometheusMeterRegistry metrics;
    private final UserStore users;
    private final CaseService service;
    private final OutboxDispatcher dispatcher;
    private final OutboxRetention retention;
    private final SseHub sse;
    private final AlertIntake intake;
    private final CommandOutcomeIntake commandIntake;
    private final DiagnosticsIntake diagnosticsIntake;
    private final TwinKeeper twinKeeper;
    private final KafkaProbe kafka;
    private final CaseCommands caseCommands;
    private final SupervisionTimer supervisionTimer;
    private final PeopleApi people;
    private final RegistryRelay registryRelay;
    private final HttpListener http;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CasesServer(Database database, Vertx vertx, Pool pool, PrometheusMeterRegistry metrics, UserStore users,
                        CaseService service, OutboxDispatcher dispatcher, OutboxRetention retention, SseHub sse,
                        AlertIntake intake, CommandOutcomeIntake commandIntake, DiagnosticsIntake diagnosticsIntake,
                        TwinKeeper twinKeeper, KafkaProbe kafka,
                        CaseCommands caseCommands, SupervisionTimer supervisionTimer, PeopleApi people,
                        RegistryRelay registryRelay, HttpListener http) {
        this.database = database;
        this.vertx = vertx;
        this.pool = pool;
        this.metrics = metrics;
        this.users = users;
        this.service = service;
        this.dispatcher = dispatcher;
        this.retention = retention;
        this.sse = sse;
        this.intake = intake;
        this.commandIntake = commandIntake;
        this.diagnosticsIntake = diagnosticsIntake;
        this.twinKeeper = twinKeeper;
        this.kafka = kafka;
        this.caseCommands = caseCommands;
        this.supervisionTimer = supervisionTimer;
        this.people = people;
        this.registryRelay = registryRelay;
        this.http = http;
    }

    public static CasesServer start(CasesConfig config) throws Exception {
        return start(config, Clock.systemUTC());
    }

    /** Starts everything; {@code clock} is the service's notion of now (tests pass a controllable one). */
    public static CasesServer start(CasesConfig config, Clock clock) throws Exception {
        return start(config, clock, clock::millis);
    }

    /**
     * Starts everything; {@code deviceTime} is the devices' notion of now (Unix ms), by which a port's newest reading
     * counts as recent or not: the wall clock, or a simulated district's clock when one runs faster (the demo).
     */
    public static CasesServer start(CasesConfig config, Clock clock, LongSupplier deviceTime) throws Exception {
        CategoryTable categories = config.categoriesFile().map(CategoryTable::load).orElseGet(CategoryTable::defaults)
                .scaledBy(config.deadlineScale());
        Database database = config.dbUrl().isEmpty()
                ? Database.embedded(config.embeddedDbDir(), config.dbEmbeddedPort())
                : Database.external(config.dbUrl());
        Vertx vertx = null;
        try {
            database.migrate();
            // The gateway's streams the twin keeper reads too, so it need not wait for a gateway to create them.
            TopicAdmin.ensure(config.kafka(), "kafka.bootstrap", Stream.concat(Stream.of(Topics.ALERTS,
                    Topics.QUARANTINE, Topics.COMMAND_RESULTS, Topics.COMMANDS), TwinKeeper.STREAMS.stream())
                    .distinct().toList(), 6, Replication.AUTO);
            RegistryTopic.ensure(config.kafka(), "kafka.bootstrap", Replication.AUTO);
            TwinTopic.ensure(config.kafka(), "kafka.bootstrap", Replication.AUTO);
            vertx = Vertx.vertx();
            return assemble(config, clock, deviceTime, categories, database, vertx);
        } catch (Exception | Error e) {
            if (vertx != null) {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
            database.close();
            throw e;
        }
    }

    private static CasesServer assemble(CasesConfig config, Clock clock, LongSupplier deviceTime,
                                        CategoryTable categories, Database database, Vertx vertx) throws Exception {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        Pool pool = database.pool(vertx, config.dbPoolSize());
        // The store is the registry's source of truth; the file only seeds an empty store. Routing, device checks,
        // place names, scopes and rota units all follow the live revision.
        RegistryStore registryStore = new RegistryStore(pool, clock);
        RegistryRevision atStart = RegistryBootstrap.currentOrImport(registryStore, config.registryFile(),
                "registry.file").await(START_TIMEOUT_S, TimeUnit.SECONDS);
        LiveRegistry live = new LiveRegistry(atStart.revision(), new Registry(atStart.document()));
        RegistryRelay relay = new RegistryRelay(vertx, registryStore, live,
                new RegistryPublisher(config.kafka(), "anju-cases-registry"), clock, config.registryRelayInterval(),
                metrics);
        DeviceRegistry devices = new DeviceRegistry(registryStore, clock, revision -> {
            live.use(revision.revision(), new Registry(revision.document()));
            relay.offer(revision);
        });
        AccessPolicy access = new AccessPolicy(categories);

        CaseTexts texts = new CaseTexts(live);
        SseHub sse = new SseHub(vertx, pool, access, SseSettings.defaults(), texts);
        NoticeText text = new NoticeText(categories, live);
        OutboxDispatcher dispatcher = new OutboxDispatcher(vertx, pool, channels(config, vertx, sse, text, clock),
                DispatcherSettings.defaults(), metrics, clock);
        NotificationPolicy policy = new NotificationPolicy(NotificationPolicy.DEFAULT_KINDS, config.notifyMinSeverity(),
                NotificationPolicy.DEFAULT_RED_MIN_CHANNELS);
        // With http.port 0 the links name the port the API got; nothing writes a notice before it listens (below).
        AtomicInteger listening = new AtomicInteger(config.httpPort());
        AckSigner signer = new AckSigner(JwtKeyFile.loadOrCreateFile(config.ackKeyFile()), config.ackTtl(),
                () -> config.ackBaseUrl(listening.get()));
        Outbox outbox = new AddressedOutbox(new PgOutbox(policy, dispatcher, clock, metrics),
                new RecipientResolver(categories), signer, clock);
        SupervisionSettings supervision = new SupervisionSettings(config.supervisionRemindEvery(),
                config.supervisionEscalateAfter(), config.supervisionAckRemindEvery(),
                config.supervisionAckEscalateAfter(), config.supervisionInterval(), SupervisionSettings.defaults().batch());
        SupervisionTimer timer = new SupervisionTimer(vertx, pool, clock, supervision);
        GridRouter caseRouter = new GridRouter(live, categories, config.districtId());
        dispatcher.onUndelivered(new UndeliveredRedEscalation(caseRouter, outbox, dispatcher.channels().values().stream()
                .filter(DeliveryChannel::confirmsDelivery).map(DeliveryChannel::name).toList()));
        PgCaseService service = new PgCaseService(pool, caseRouter,
                categories, access, outbox, new KpiReport(pool, categories), supervision, clock, timer);
        dispatcher.start();
        OutboxRetention retention = new OutboxRetention(vertx, pool, config.outboxRetention(), clock);
        retention.start();

        AlertIntake intake = new AlertIntake(new IntakeSettings(config.kafka(), Topics.ALERTS,
                config.intakeGroupId(), IntakeSettings.DEFAULT_POLL_TIMEOUT, config.intakeRetryBackoff(),
                IntakeSettings.DEFAULT_MAX_POLL_RECORDS, config.intakeConcurrency(), config.intakeMaxAttempts()), service,
                metrics);
        CommandOutcomeIntake commandIntake = new CommandOutcomeIntake(new IntakeSettings(config.kafka(),
                Topics.COMMAND_RESULTS, CommandOutcomeIntake.DEFAULT_GROUP_ID, IntakeSettings.DEFAULT_POLL_TIMEOUT,
                config.intakeRetryBackoff(), IntakeSettings.DEFAULT_MAX_POLL_RECORDS, 1, config.intakeMaxAttempts()),
                new CommandOutcomes(pool, outbox, clock), metrics);
        DiagnosticsStore diagnostics = new DiagnosticsStore(pool, clock);
        DiagnosticsIntake diagnosticsIntake = new DiagnosticsIntake(new IntakeSettings(config.kafka(),
                Topics.DIAGNOSTICS, DiagnosticsIntake.GROUP_ID, IntakeSettings.DEFAULT_POLL_TIMEOUT,
                config.intakeRetryBackoff(), IntakeSettings.DEFAULT_MAX_POLL_RECORDS, 1, config.intakeMaxAttempts()),
                diagnostics, live, metrics);
        TwinKeeper twinKeeper = new TwinKeeper(new IntakeSettings(config.kafka(), Topics.STATUS, TwinKeeper.GROUP_ID,
                IntakeSettings.DEFAULT_POLL_TIMEOUT, config.intakeRetryBackoff(), IntakeSettings.DEFAULT_MAX_POLL_RECORDS,
                1, config.intakeMaxAttempts()), config.twinPublishInterval(), live, metrics, clock);
        // Before the API listens, so it answers every device's last known state from its first request.
        twinKeeper.restore();

        CaseCommands caseCommands = new CaseCommands(pool, access, live,
                new PortTemperatures(vertx, config.commands(), deviceTime),
                new CommandPublisher(vertx, config.kafka()), config.commands(), metrics, clock);

        UserStore users = new UserStore(vertx, pool, new PasswordHasher(config.authPasswordIterations()), live);
        TokenService tokens = new TokenService(vertx, JwtKeyFile.loadOrCreateFile(config.authKeyFile()),
                config.authTokenTtl());
        KafkaProbe kafka = KafkaProbe.start(config.kafka());
        HealthChecks health = new HealthChecks(HealthChecks.ping(pool), () -> Future.succeededFuture(intake.healthy()),
                () -> Future.succeededFuture(commandIntake.healthy()), () -> Future.succeededFuture(kafka.up()),
                () -> Future.succeededFuture(relay.healthy()),
                () -> Future.succeededFuture(diagnosticsIntake.healthy()),
                () -> Future.succeededFuture(twinKeeper.healthy()));
        PeopleApi people = new PeopleApi(pool, new RotaAccess(live, config.districtId()),
                new Acknowledger(pool, outbox, signer, new Deadlines(supervision), clock), clock);
        HttpListener http = new CasesHttp(vertx, service, users, tokens, access, categories, metrics, health,
                config.api())
                .texts(texts)
                .events(sse::handle)
                .people(people)
                .deliveries(new DeliveryAttempts(pool))
                .commands(caseCommands)
                .devices(devices)
                .diagnostics(diagnostics)
                .twins(new DeviceTwins(twinKeeper, pool))
                .metricsAccess(config.metricsAccess())
                .router()
                .compose(router -> HttpListener.listen(vertx, router, config.listener()))
                .await(START_TIMEOUT_S, TimeUnit.SECONDS);
        FunctionCounter.builder("anju.cases.http.connections.refused", http, HttpListener::refused)
                .description("connections closed on arrival: http.maxConnections were open").register(metrics);
        FunctionCounter.builder("anju.cases.http.connections.timed.out", http, HttpListener::timedOut)
                .description("connections closed for not sending a request within http.headerTimeout").register(metrics);
        listening.set(http.actualPort());
        timer.start(service::supervise);
        intake.start();
        commandIntake.start();
        diagnosticsIntake.start();
        twinKeeper.start();
        relay.start();
        LOG.info("case service on {}://{}:{} ({} categories, {} channels: {})", config.listener().scheme(),
                config.httpHost(),
                http.actualPort(), categories.all().size(), dispatcher.channels().size(), dispatcher.channels().keySet());
        return new CasesServer(database, vertx, pool, metrics, users, service, dispatcher, retention, sse, intake, commandIntake,
                diagnosticsIntake, twinKeeper, kafka, caseCommands, timer, people, relay, http);
    }

    private static Map<String, DeliveryChannel> channels(CasesConfig config, Vertx vertx, SseHub sse, NoticeText text,
                                                         Clock clock) {
        Map<String, DeliveryChannel> channels = new LinkedHashMap<>();
        channels.put(sse.name(), sse);
        WebClient client = WebClient.create(vertx, new WebClientOptions().setUserAgent("anju-cases"));
        if (config.notifyWebhook().enabled()) {
            channels.put("webhook", new WebhookChannel("webhook", client, config.notifyWebhook()));
        }
        if (config.exportWebhook().enabled()) {
            channels.put("export", new WebhookChannel("export", client, config.exportWebhook()));
        }
        if (config.wecom().enabled()) {
            channels.put(WeComChannel.NAME, new WeComChannel(client, config.wecom(), text));
        }
        if (config.dingtalk().enabled()) {
            channels.put(DingTalkChannel.NAME, new DingTalkChannel(client, config.dingtalk(), text, clock));
        }
        if (config.sms().enabled()) {
            channels.put(SmsGatewayChannel.NAME, new SmsGatewayChannel(client, config.sms(), config.smsFallbackPhones(),
                    text, clock));
        }
        return channels;
    }

    public int httpPort() {
        return http.actualPort();
    }

    public CaseService service() {
        return service;
    }

    public UserStore users() {
        return users;
    }

    /** Contacts, rotas and acknowledge links (what the people API serves). */
    public PeopleApi people() {
        return people;
    }

    /** The registry relay: the revision published to anju.registry. */
    public RegistryRelay registryRelay() {
        return registryRelay;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** The case store (tools and tests reach it beside the service). */
    public Database database() {
        return database;
    }

    public String databaseDescription() {
        return database.isEmbedded() ? "embedded (" + database.jdbcUrl() + ")" : "external";
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("stopping the case service ...");
        await(http.close(), "HTTP server");
        registryRelay.close();
        intake.close();
        commandIntake.close();
        diagnosticsIntake.close();
        twinKeeper.close();
        kafka.close();
        caseCommands.close();
        supervisionTimer.stop();
        retention.stop();
        await(dispatcher.stop(), "notification dispatcher");
        sse.close();
        await(pool.close(), "database pool");
        await(vertx.close(), "Vert.x");
        try {
            database.close();
        } catch (Exception e) {
            LOG.warn("stopping PostgreSQL: {}", e.toString());
        }
        LOG.info("case service stopped");
    }

    private static void await(Future<?> f, String what) {
        try {
            f.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("stopping {}: {}", what, e.toString());
        }
    }
}
