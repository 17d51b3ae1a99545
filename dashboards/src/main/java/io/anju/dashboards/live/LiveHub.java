package io.anju.dashboards.live;

import io.anju.common.json.Json;
import io.anju.common.registry.Registry;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.KafkaProbe;
import io.anju.common.topic.Topics;
import io.anju.dashboards.ops.OpsMonitor;
import io.anju.dashboards.session.SessionGuard;
import io.anju.dashboards.web.LiveModule;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The live part of the dashboards: reads the platform's topics into {@link LiveState}, serves it over HTTP and
 * server-sent events. Telemetry and status are read from the newest record on (only the latest state matters), and
 * {@code anju.twin} (compacted: each device's last known state) from its beginning, so the stations and zones show
 * their last known state at once instead of nothing until their next message; {@code anju.alerts} from the oldest
 * retained ({@code read_committed}) to rebuild the open alerts, each {@code (id, revision)} applied once;
 * {@code anju.snapshots} from the oldest retained to index the evidence. Create, {@link #start()}, {@link #mount} on
 * the service's router, {@link #close()}.
 */
public final class LiveHub implements LiveModule {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    /** How often stations that fell silent are published as offline. */
    static final long STALE_SWEEP_MS = 5_000;

    private final Vertx vertx;
    private final LiveSettings settings;
    private final LiveState state;
    private final LiveStream stream;
    private final LiveRoutes routes;
    private final List<TopicReader> readers;
    private long sweepTimer = -1;
    private CaseRelay caseRelay;
    private KafkaProbe kafka;

    /** @param registry the registry in use (read as each record and request comes, so it follows the revisions) */
    public LiveHub(Vertx vertx, Supplier<Registry> registry, LiveSettings settings, MeterRegistry meters) {
        this.vertx = vertx;
        this.settings = settings;
        this.state = new LiveState(registry, settings.snapshotDir(), settings.staleAfter(),
                settings.crowdStaleAfter(), Clock.systemUTC());
        this.stream = new LiveStream(vertx, meters);
        this.state.onChange(stream::accept);
        FunctionCounter.builder("anju.dashboards.live.alerts.forgotten", state, LiveState::alertEpisodesForgotten)
                .description("closed alert episodes forgotten to stay within the bound (a repeat of one would show "
                        + "it again)").register(meters);
        Gauge.builder("anju.dashboards.live.alerts.remembered", state, LiveState::alertEpisodesRemembered)
                .description("closed alert episodes remembered to recognise their repeated revisions").register(meters);
        this.routes = new LiveRoutes(registry, state, stream);
        LiveIntake intake = new LiveIntake(state, meters);
        KafkaConnection kafkaConnection = settings.kafka();
        String prefix = settings.groupIdPrefix();
        this.readers = List.of(
                // First, so the last known state is on its way before the first live reading; what the live readers
                // read wins over it either way (LiveState#twin).
                new TopicReader("twin", kafkaConnection, prefix, List.of(Topics.TWIN), true, false, intake::handle),
                // Charger telemetry is the bulk of the traffic: it gets a reader of its own, so crowd readings,
                // and statuses never queue behind it (the e2e bench saw zone updates seconds late).
                new TopicReader("chargers", kafkaConnection, prefix, List.of(LiveIntake.CHARGER), false, false,
                        intake::handle),
                new TopicReader("latest", kafkaConnection, prefix, List.of(LiveIntake.CROWD, Topics.STATUS), false, false,
                        intake::handle),
                // No transactions on anju.alerts any more, so read_committed delays nothing (the last stable offset
                // is the high watermark); it still skips the aborted records that the earlier, transactional job may
                // have left in the retained history. Repeats are the board's business (AlertBoard).
                new TopicReader("alerts", kafkaConnection, prefix, List.of(Topics.ALERTS), true, true, intake::handle),
                new TopicReader("snapshots", kafkaConnection, prefix, List.of(Topics.SNAPSHOTS), true, false,
                        intake::handle));
    }

    /** Relays each live stream's case notices from the case service at {@code casesUrl} (its {@code /api/v1/events}). */
    public void relayCasesFrom(String casesUrl) {
        caseRelay = new CaseRelay(vertx, casesUrl, stream);
        routes.relayCases(caseRelay);
    }

    /** Starts the Kafka readers and the staleness sweep. */
    public synchronized void start() {
        if (sweepTimer != -1) {
            throw new IllegalStateException("the live hub is already started");
        }
        readers.forEach(TopicReader::start);
        kafka = KafkaProbe.start(settings.kafka());
        sweepTimer = vertx.setPeriodic(STALE_SWEEP_MS, id -> state.sweepStale());
        LOG.info("live hub reading {} (stations stale after {}, crowd zones after {}, snapshots in {})",
                settings.kafka(), settings.staleAfter(), settings.crowdStaleAfter(), settings.snapshotDir());
    }

    @Override
    public void mount(Router router, SessionGuard guard) {
        mount(router, LiveAccess.of(guard));
    }

    /** Mounts the live routes with any way of finding the caller's scope (tests, other front doors). */
    public void mount(Router router, LiveAccess access) {
        routes.mount(router, access);
    }

    /** Relays the operations reports to operators as {@code ops} events. */
    @Override
    public void useOps(OpsMonitor ops) {
        ops.onReport(report -> stream.accept(new LiveEvent(LiveEvent.OPS, LiveEvent.OPS, LiveEvent.Subject.operators(),
                Json.toString(report))));
    }

    /** {@code kafka}: every reader is running. */
    @Override
    public Map<String, Boolean> health() {
        // A reader keeps running, retrying quietly, while its brokers are gone: the probe tells.
        KafkaProbe probe = kafka;
        return Map.of("kafka", probe != null && probe.up() && readers.stream().allMatch(TopicReader::running));
    }

    /** Every reader has its partitions: from now on no record is missed (tests wait for this before publishing). */
    public boolean assigned() {
        return readers.stream().allMatch(TopicReader::assigned);
    }

    /** The live state, for in-process readers (the demo, tests). */
    public LiveState state() {
        return state;
    }

    @Override
    public synchronized void close() {
        if (sweepTimer != -1) {
            vertx.cancelTimer(sweepTimer);
        }
        readers.forEach(TopicReader::close);
        if (kafka != null) {
            kafka.close();
        }
        stream.close();
        if (caseRelay != null) {
            caseRelay.close();
        }
        LOG.info("live hub stopped");
    }
}
