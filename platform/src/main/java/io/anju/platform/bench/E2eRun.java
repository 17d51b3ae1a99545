package io.anju.platform.bench;

import io.anju.cases.auth.cli.UserDemoCommand;
import io.anju.common.auth.Credentials;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.common.topic.Topics;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One end-to-end run against a platform already up: the probe and the dashboard viewer first (until the probe's
 * readings show on the dashboard), then the load in its own JVM for the set duration while CPU, memory and the
 * Kafka log are sampled, then a wait until the history job has written what the load produced, then the counts.
 */
final class E2eRun {
    private static final Logger LOG = LoggerFactory.getLogger(E2eRun.class);
    static final String CHARGER_TOPIC = Topics.telemetry(DeviceType.CHARGER);
    /** The jobs' default consumer group prefix ({@code jobs.groupPrefix}); each job is {@code <prefix>-<job>}. */
    static final String JOBS_GROUP_PREFIX = "anju-jobs";
    private static final long SAMPLE_EVERY_MS = 10_000;

    private final E2eSettings settings;
    private final E2eSettings.Target target;

    E2eRun(E2eSettings settings, E2eSettings.Target target) {
        this.settings = settings;
        this.target = target;
    }

    E2eResult run() throws Exception {
        Registry registry = RegistryLoader.load(target.registry());
        Credentials.Entry counter = probeCounter(registry, Credentials.read(target.credentials()));
        String zoneId = registry.device(counter.deviceId()).orElseThrow().location().zoneId();
        InfluxCounts influx = new InfluxCounts(target.influxUrl(), "anju");
        GatewayCounters gateway = new GatewayCounters(target.gatewayUrl());
        try (KafkaPositions kafka = new KafkaPositions(target.kafkaBootstrap());
             LiveClient live = new LiveClient(target.dashboardsUrl());
             ZoneProbe probe = new ZoneProbe("tcp://" + target.mqttHost() + ":" + target.mqttPort(),
                     counter.deviceId(), counter.secret(), zoneId);
             ProcessSampler sampler = new ProcessSampler()) {
            signIn(live);
            live.open(probe::onLiveEvent);
            Instant probeStart = Instant.now();
            probe.start(settings.probePeriod().toMillis());
            LOG.info("probe {} in zone {} publishing; waiting for its readings on the dashboard", counter.deviceId(),
                    zoneId);
            awaitWarm(probe, influx, probeStart);

            Map<TopicPartition, Long> startPositions = kafka.endOffsetsByPartition(CHARGER_TOPIC);
            long kafkaBefore = startPositions.values().stream().mapToLong(Long::longValue).sum();
            long forwardedBefore = gateway.forwarded();
            sampler.watch("platform JVM", target.platformPid());
            List<String> command = loadCommand();
            try (LoadProcess load = LoadProcess.start(command, target.loadJavaOpts(),
                    target.workDir().resolve("load.log"))) {
                sampler.watch("load JVM", load.pid());
                awaitPublishing(load);
                sampler.start();
                probe.measuring(true);
                Instant loadStart = Instant.now();
                long startNanos = System.nanoTime();
                List<double[]> timeline = sampleKafka(kafka, load, kafkaBefore, startNanos);
                int exit = load.await(settings.duration().toSeconds() + 120, TimeUnit.SECONDS);
                probe.measuring(false);
                Instant loadEnd = Instant.now();
                double loadSeconds = (System.nanoTime() - startNanos) / 1e9;
                List<ProcessSampler.Usage> usages = sampler.stop();
                ProcessSampler.Machine machine = sampler.machine(usages);
                if (exit != 0 || load.totals() == null) {
                    throw new IllegalStateException("the load failed (exit " + exit + "); see "
                            + target.workDir().resolve("load.log"));
                }
                long kafkaAfter = kafka.endOffsets(CHARGER_TOPIC);
                long forwarded = gateway.forwarded() - forwardedBefore;
                long alertsLag = kafkaAfter - kafka.committed(JOBS_GROUP_PREFIX + "-alerts", CHARGER_TOPIC);
                long historyLag = kafkaAfter - kafka.committed(JOBS_GROUP_PREFIX + "-history", CHARGER_TOPIC);
                LOG.info("load done: {} acknowledged, {} records in Kafka; the history job is {} records behind",
                        load.totals().acked(), kafkaAfter - kafkaBefore, historyLag);
                double[] caughtUp = awaitJobs(kafka, kafkaAfter);
                awaitDashboard(probe);
                long[] sameMillis = KafkaSameMillis.count(target.kafkaBootstrap(), CHARGER_TOPIC, startPositions);
                long historyCommitted = kafka.committed(JOBS_GROUP_PREFIX + "-history", CHARGER_TOPIC) - kafkaBefore;
                Instant from = loadStart.minusSeconds(30);
                Instant to = loadEnd.plusSeconds(30);
                long stations = influx.count("charger_station", "total_power_w", from, to);
                // Per-port figures are per minute, stamped with the minute's start: count whole minutes.
                long ports = influx.sum("charger_port_minute", "readings",
                        Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), 60) * 60), to);
                double[] steady = steady(load.progress());
                return new E2eResult(loadStart, loadEnd, load.connections(), load.totals(), load.pubAck(), steady[0],
                        steady[1], kafkaAfter - kafkaBefore, (kafkaAfter - kafkaBefore) / loadSeconds, forwarded,
                        timeline, alertsLag, historyLag, caughtUp[0], caughtUp[1], historyCommitted, sameMillis[1],
                        stations, ports, probe.result(),
                        live.received(), usages, machine);
            }
        }
    }

    /** A registered crowd counter with a zone and a secret: the probe plays it (no simulator plays the others). */
    static Credentials.Entry probeCounter(Registry registry, List<Credentials.Entry> credentials) {
        return credentials.stream()
                .filter(e -> e.type().equals(DeviceType.CROWD.wireName()))
                .filter(e -> registry.device(e.deviceId())
                        .map(d -> d.enabled() && d.location() != null && d.location().zoneId() != null)
                        .orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no enabled crowd counter with a zone in the registry"));
    }

    private void signIn(LiveClient live) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                live.signIn(settings.viewer(), UserDemoCommand.DEMO_PASSWORD);
                return;
            } catch (Exception e) {
                // The demo users are provisioned just after the dashboards come up.
                if (System.nanoTime() > until) {
                    throw e;
                }
                Thread.sleep(2_000);
            }
        }
    }

    private void awaitWarm(ZoneProbe probe, InfluxCounts influx, Instant probeStart) throws Exception {
        long until = System.nanoTime() + settings.warmupTimeout().toNanos();
        boolean history = false;
        while (System.nanoTime() < until && (probe.matched() < 3 || !history)) {
            Thread.sleep(2_000);
            history = history || influx.count("crowd_zone", "occupancy", probeStart.minusSeconds(5),
                    Instant.now().plusSeconds(5)) > 0;
        }
        if (probe.matched() < 3) {
            throw new IllegalStateException("the probe's readings did not show on /api/live within "
                    + settings.warmupTimeout().toSeconds() + " s");
        }
        if (!history) {
            LOG.warn("no crowd_zone point of the probe in InfluxDB yet: is the history job writing?");
        }
        LOG.info("warm: {} probe readings seen on the dashboard, history {}", probe.matched(),
                history ? "written" : "NOT seen");
    }

    private List<String> loadCommand() {
        return List.of(target.launcher(), "sim", "load", "--credentials", target.credentials().toString(),
                "--registry", target.registry().toString(), "--host", target.mqttHost(),
                "--port", String.valueOf(target.mqttPort()), "--qos", "1", "--payload", "charger",
                "--connections", String.valueOf(settings.connections()), "--rate", String.valueOf(settings.rate()),
                "--window", String.valueOf(settings.window()), "--connect-rate", String.valueOf(settings.connectRate()),
                "--duration", settings.duration().toSeconds() + "s");
    }

    private void awaitPublishing(LoadProcess load) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(
                120 + settings.connections() / Math.max(1, settings.connectRate()));
        while (load.publishingSinceNanos() == 0) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the load did not connect; see " + target.workDir().resolve("load.log"));
            }
            Thread.sleep(100);
        }
    }

    /** Records/s into the charger topic every {@value #SAMPLE_EVERY_MS} ms until the load has ended. */
    private List<double[]> sampleKafka(KafkaPositions kafka, LoadProcess load, long before, long startNanos)
            throws Exception {
        List<double[]> out = new ArrayList<>();
        long lastOffset = before;
        long lastNanos = startNanos;
        long deadline = startNanos + settings.duration().toNanos() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            long wake = lastNanos + TimeUnit.MILLISECONDS.toNanos(SAMPLE_EVERY_MS);
            while (System.nanoTime() < wake && !load.totalsKnown()) {
                Thread.sleep(200);
            }
            if (load.totalsKnown()) {
                break;
            }
            long now = System.nanoTime();
            long offset = kafka.endOffsets(CHARGER_TOPIC);
            out.add(new double[]{(now - startNanos) / 1e9, (offset - lastOffset) / ((now - lastNanos) / 1e9)});
            lastOffset = offset;
            lastNanos = now;
        }
        return out;
    }

    /**
     * Seconds from now until the alerting and the history job have each committed {@code end} records of the topic;
     * -1 for a job that had not within the drain timeout. [alerting, history].
     */
    private double[] awaitJobs(KafkaPositions kafka, long end) throws Exception {
        long start = System.nanoTime();
        long until = start + settings.drainTimeout().toNanos();
        double[] caughtUp = {-1, -1};
        String[] groups = {JOBS_GROUP_PREFIX + "-alerts", JOBS_GROUP_PREFIX + "-history"};
        while (true) {
            long[] behind = new long[2];
            for (int i = 0; i < 2; i++) {
                behind[i] = end - kafka.committed(groups[i], CHARGER_TOPIC);
                if (behind[i] <= 0 && caughtUp[i] < 0) {
                    caughtUp[i] = (System.nanoTime() - start) / 1e9;
                }
            }
            if (caughtUp[0] >= 0 && caughtUp[1] >= 0) {
                return caughtUp;
            }
            if (System.nanoTime() > until) {
                LOG.warn("after {} s the alerting job is {} and the history job {} records behind",
                        settings.drainTimeout().toSeconds(), behind[0], behind[1]);
                return caughtUp;
            }
            LOG.info("waiting for the jobs: alerting {} and history {} records behind", behind[0], behind[1]);
            Thread.sleep(5_000);
        }
    }

    /** Until the dashboards show a probe reading sent after the load (their live reader has caught up), ≤ 2 min. */
    private static void awaitDashboard(ZoneProbe probe) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!probe.caughtUp() && System.nanoTime() < until) {
            Thread.sleep(1_000);
        }
        if (!probe.caughtUp()) {
            LOG.warn("the dashboards had not shown a probe reading sent after the load within 2 min");
        }
    }

    /**
     * Acknowledged/s over the load's progress lines after the first sixth of the run (at most 60 s: connection
     * set-up, JIT warm-up); [rate, seconds covered].
     */
    static double[] steady(List<LoadProcess.Timed> progress) {
        if (progress.size() < 2) {
            return new double[]{0, 0};
        }
        long last = progress.get(progress.size() - 1).progress().second();
        long skip = Math.min(60, last / 6);
        LoadProcess.Timed first = progress.stream().filter(t -> t.progress().second() >= skip).findFirst()
                .orElse(progress.get(0));
        LoadProcess.Timed end = progress.get(progress.size() - 1);
        double seconds = (end.atNanos() - first.atNanos()) / 1e9;
        return seconds <= 0 ? new double[]{0, 0}
                : new double[]{(end.progress().acked() - first.progress().acked()) / seconds, seconds};
    }
}
