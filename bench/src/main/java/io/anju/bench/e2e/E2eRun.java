package io.anju.bench.e2e;

import io.anju.cases.auth.cli.UserDemoCommand;
import io.anju.common.auth.Credentials;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.common.topic.Topics;
import io.anju.dashboards.ops.PrometheusText;
import io.anju.testsupport.LiveClient;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One end-to-end run against a platform already up: the probes first (the crowd counter until its readings show on
 * the dashboard, the case probe until its overloads become cases), then the load in its own JVM for the set duration
 * while CPU, memory, the Kafka log and the jobs' lag are sampled and a progress line is printed every
 * {@value #SAMPLE_EVERY_MS} ms, then the drain: until both jobs have committed what the load produced and their lag
 * is back down, then the counts.
 */
final class E2eRun {
    private static final Logger LOG = LoggerFactory.getLogger(E2eRun.class);
    static final String CHARGER_TOPIC = Topics.telemetry(DeviceType.CHARGER);
    /** The jobs' default consumer group prefix ({@code jobs.groupPrefix}); each job is {@code <prefix>-<job>}. */
    static final String JOBS_GROUP_PREFIX = "anju-jobs";
    static final String ALERTS_GROUP = JOBS_GROUP_PREFIX + "-alerts";
    static final String HISTORY_GROUP = JOBS_GROUP_PREFIX + "-history";
    static final long SAMPLE_EVERY_MS = 10_000;
    /** One timed stop (automatic, or through the case service) at most this often ({@link StopProbe}). */
    static final Duration STOP_EVERY = Duration.ofSeconds(5);
    /** A stop not confirmed by readings within this counts as not confirmed (one bound of the stop watch is 60 s). */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final E2eSettings settings;
    private final E2eSettings.Target target;
    private final Consumer<String> progress;

    /** @param progress takes a line every {@value #SAMPLE_EVERY_MS} ms of the load and the drain */
    E2eRun(E2eSettings settings, E2eSettings.Target target, Consumer<String> progress) {
        this.settings = settings;
        this.target = target;
        this.progress = progress;
    }

    E2eResult run() throws Exception {
        Registry registry = RegistryLoader.load(target.registry());
        List<Credentials.Entry> credentials = Credentials.read(target.credentials());
        Credentials.Entry counter = probeCounter(registry, credentials);
        String zoneId = registry.device(counter.deviceId()).orElseThrow().location().zoneId();
        Path loadCredentials = writeLoadCredentials(credentials);
        InfluxCounts influx = new InfluxCounts(target.influxUrl(), target.influxCredentials(), "anju");
        GatewayCounters gateway = new GatewayCounters(target.gatewayUrl());
        String mqttUri = "tcp://" + target.mqttHost() + ":" + target.mqttPort();
        ProbeLedger ledger = new ProbeLedger();
        try (KafkaPositions kafka = new KafkaPositions(target.kafka());
             LiveClient live = new LiveClient(target.dashboardsUrl());
             ZoneProbe probe = new ZoneProbe(mqttUri, counter.deviceId(), counter.secret(), zoneId);
             AlertReader alerts = new AlertReader(target.kafka(), ledger);
             ProcessSampler sampler = new ProcessSampler();
             LagSampler lags = new LagSampler(target.jobsMetricsUrl())) {
            Map<TopicPartition, Long> partitions = kafka.endOffsetsByPartition(CHARGER_TOPIC);
            if (partitions.isEmpty()) {
                throw new IllegalStateException("no topic " + CHARGER_TOPIC + ": is the gateway up?");
            }
            List<CaseProbe.Charger> chargers = ProbeChargers.pick(registry, credentials,
                    settings.caseProbeChargers(), id -> ProbeChargers.partition(id, partitions.size()));
            alerts.start();
            try (CaseWatcher cases = new CaseWatcher(target.casesUrl(),
                         chargers.stream().map(CaseProbe.Charger::deviceId).collect(Collectors.toSet()), ledger);
                 CaseProbe caseProbe = new CaseProbe(mqttUri, chargers, ledger,
                         (int) (settings.caseProbeEvery().toMillis() / CaseProbe.TICK_MS));
                 StopProbe stops = new StopProbe(target.casesUrl(), target.kafka(), caseProbe, chargers,
                         STOP_EVERY, STOP_TIMEOUT)) {
                signIn(() -> cases.signIn(settings.viewer(), UserDemoCommand.DEMO_PASSWORD));
                signIn(() -> stops.signIn(settings.viewer(), UserDemoCommand.DEMO_PASSWORD));
                cases.start();
                caseProbe.start();
                stops.start();
                LOG.info("case probe: {} playing {} (partitions {} of {})", chargers.size(),
                        chargers.stream().map(CaseProbe.Charger::deviceId).toList(),
                        chargers.stream().map(c -> ProbeChargers.partition(c.deviceId(), partitions.size()))
                                .collect(Collectors.toCollection(TreeSet::new)), partitions.size());
                signIn(() -> live.signIn(settings.viewer(), UserDemoCommand.DEMO_PASSWORD));
                live.open(probe::onLiveEvent);
                Instant probeStart = Instant.now();
                probe.start(settings.probePeriod().toMillis());
                LOG.info("probe {} in zone {} publishing; waiting for its readings on the dashboard and the case "
                        + "probe's cases", counter.deviceId(), zoneId);
                awaitWarm(probe, ledger, influx, probeStart);
                return measure(kafka, gateway, influx, live, probe, caseProbe, stops, cases, ledger, sampler, lags,
                        loadCredentials, chargers.size());
            }
        }
    }

    private E2eResult measure(KafkaPositions kafka, GatewayCounters gateway, InfluxCounts influx, LiveClient live,
                              ZoneProbe probe, CaseProbe caseProbe, StopProbe stops, CaseWatcher cases,
                              ProbeLedger ledger,
                              ProcessSampler sampler, LagSampler lags, Path loadCredentials, int probeChargers)
            throws Exception {
        Map<TopicPartition, Long> startPositions = kafka.endOffsetsByPartition(CHARGER_TOPIC);
        long kafkaBefore = startPositions.values().stream().mapToLong(Long::longValue).sum();
        long forwardedBefore = gateway.forwarded();
        sampler.watch("platform JVM", target.platformPid());
        try (LoadProcess load = LoadProcess.start(loadCommand(loadCredentials), target.loadJavaOpts(),
                target.workDir().resolve("load.log"))) {
            sampler.watch("load JVM", load.pid());
            awaitPublishing(load);
            sampler.start();
            lags.start();
            probe.measuring(true);
            caseProbe.measuring(true);
            stops.measuring(true);
            Instant loadStart = Instant.now();
            long startNanos = System.nanoTime();
            List<double[]> timeline = sampleLoad(kafka, gateway, load, caseProbe, stops, ledger, lags, kafkaBefore,
                    startNanos, loadStart.toEpochMilli());
            int exit = load.await(settings.duration().toSeconds() + 120, TimeUnit.SECONDS);
            probe.measuring(false);
            caseProbe.measuring(false);
            stops.measuring(false);
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
            long alertsBehind = kafkaAfter - kafka.committed(ALERTS_GROUP, CHARGER_TOPIC);
            long historyBehind = kafkaAfter - kafka.committed(HISTORY_GROUP, CHARGER_TOPIC);
            LOG.info("load done: {} acknowledged, {} records in Kafka; committed: the alerting job {} and the history "
                    + "job {} records behind", load.totals().acked(), kafkaAfter - kafkaBefore, alertsBehind,
                    historyBehind);
            Drain drain = new Drain(settings.drainTimeout(), progress);
            double[] caughtUp = drain.untilSettled(kafka, kafkaAfter, lags, ledger, loadStart.toEpochMilli(),
                    loadEnd.toEpochMilli());
            lags.close();
            E2eResult.Lags lagFigures = Drain.lagFigures(lags, loadStart.toEpochMilli(), loadEnd.toEpochMilli());
            finalPoll(cases);
            E2eResult.CaseFigures caseFigures = new E2eResult.CaseFigures(probeChargers, ledger.summary(),
                    caseProbe.pubAck(), caseProbe.published(), caseProbe.failures(), cases.failures(), stops.result());
            awaitDashboard(probe);
            if (caughtUp[1] >= 0) {
                Drain.awaitMinutesWritten(loadEnd);
            }
            KafkaSameMillis.Counts read = KafkaSameMillis.count(target.kafka(), CHARGER_TOPIC,
                    startPositions, id -> id.startsWith(ProbeChargers.LOAD_PREFIX));
            long historyCommitted = kafka.committed(HISTORY_GROUP, CHARGER_TOPIC) - kafkaBefore;
            Instant from = loadStart.minusSeconds(30);
            Instant to = loadEnd.plusSeconds(30);
            long stations = influx.count("charger_station", "total_power_w", from, to, ProbeChargers.LOAD_PREFIX);
            // Per-port figures are per minute, stamped with the minute's start: count whole minutes.
            long ports = influx.sum("charger_port_minute", "readings",
                    Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), 60) * 60), to,
                    ProbeChargers.LOAD_PREFIX);
            double[] steady = steady(load.progress());
            return new E2eResult(loadStart, loadEnd, load.connections(), load.totals(), load.pubAck(), steady[0],
                    steady[1], kafkaAfter - kafkaBefore, (kafkaAfter - kafkaBefore) / loadSeconds, forwarded,
                    timeline, lagFigures,
                    new E2eResult.Groups(alertsBehind, historyBehind, caughtUp[0], caughtUp[1], historyCommitted),
                    new E2eResult.Stored(read.ofDevices(), read.repeats(), stations, ports), caseFigures,
                    probe.result(), live.received(), usages, machine);
        }
    }

    /** A last look at the cases, so the summary has everything committed so far; a failure only leaves it out. */
    private static void finalPoll(CaseWatcher cases) throws InterruptedException {
        try {
            cases.poll();
        } catch (IOException | RuntimeException e) {
            LOG.warn("the last look at the cases failed: {}", e.toString());
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

    /**
     * The load plays the registry's load chargers only (the load picks the first {@code --connections} chargers of
     * its credentials file, and the district's own come first), leaving the district's chargers to the case probe.
     */
    private Path writeLoadCredentials(List<Credentials.Entry> credentials) {
        List<Credentials.Entry> load = ProbeChargers.loadCredentials(credentials);
        if (load.size() < settings.connections()) {
            throw new IllegalStateException("--connections " + settings.connections() + " needs as many load chargers ("
                    + ProbeChargers.LOAD_PREFIX + "…) in " + target.credentials() + "; it has " + load.size()
                    + " (registry generate --load-devices)");
        }
        Path file = target.workDir().resolve("load-credentials.csv");
        Credentials.write(file, load);
        return file;
    }

    @FunctionalInterface
    private interface SignIn {
        void run() throws Exception;
    }

    /** Signs in, retrying for a minute: the demo users are provisioned just after the services come up. */
    private static void signIn(SignIn signIn) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                signIn.run();
                return;
            } catch (Exception e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                Thread.sleep(2_000);
            }
        }
    }

    private void awaitWarm(ZoneProbe probe, ProbeLedger ledger, InfluxCounts influx, Instant probeStart)
            throws Exception {
        long until = System.nanoTime() + settings.warmupTimeout().toNanos();
        boolean history = false;
        while (System.nanoTime() < until && (probe.matched() < 3 || !history || ledger.committedReadings() < 3)) {
            Thread.sleep(2_000);
            history = history || influx.count("crowd_zone", "occupancy", probeStart.minusSeconds(5),
                    Instant.now().plusSeconds(5)) > 0;
        }
        if (probe.matched() < 3) {
            throw new IllegalStateException("the probe's readings did not show on /api/live within "
                    + settings.warmupTimeout().toSeconds() + " s");
        }
        if (ledger.committedReadings() < 3) {
            throw new IllegalStateException("the case probe's overloads did not become case changes within "
                    + settings.warmupTimeout().toSeconds() + " s (is the case service taking alerts?)");
        }
        if (!history) {
            LOG.warn("no crowd_zone point of the probe in InfluxDB yet: is the history job writing?");
        }
        LOG.info("warm: {} probe readings seen on the dashboard, {} case probe readings committed as case changes, "
                + "history {}", probe.matched(), ledger.committedReadings(), history ? "written" : "NOT seen");
    }

    private List<String> loadCommand(Path credentials) {
        return List.of(target.launcher(), "sim", "load", "--credentials", credentials.toString(),
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

    /**
     * Every {@value #SAMPLE_EVERY_MS} ms until the load has ended: records/s into the charger topic (returned), and
     * a progress line.
     */
    private List<double[]> sampleLoad(KafkaPositions kafka, GatewayCounters gateway, LoadProcess load,
                                      CaseProbe caseProbe, StopProbe stops, ProbeLedger ledger, LagSampler lags,
                                      long before,
                                      long startNanos, long startMs) throws Exception {
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
            double kafkaPerSec = (offset - lastOffset) / ((now - lastNanos) / 1e9);
            out.add(new double[]{(now - startNanos) / 1e9, kafkaPerSec});
            lastOffset = offset;
            lastNanos = now;
            double[] gatewayPubAck = gatewayPubAck(gateway);
            progress.accept(E2eReport.progress((now - startNanos) / 1e9, recentAckedPerSec(load.progress(), now),
                    kafkaPerSec, gatewayPubAck, caseProbe.pubAck(), lags.latestLags(),
                    lags.maxSince(System.currentTimeMillis() - SAMPLE_EVERY_MS), ledger.summary(), stops.result()));
        }
        return out;
    }

    /** The gateway's recent PUBACK p50 and p99 in ms; -1 each when its metrics did not answer. */
    private static double[] gatewayPubAck(GatewayCounters gateway) {
        try {
            PrometheusText metrics = PrometheusText.parse(gateway.scrape());
            return new double[]{GatewayCounters.pubAckMs(metrics, "0.5"), GatewayCounters.pubAckMs(metrics, "0.99")};
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new double[]{-1, -1};
        }
    }

    /** Acknowledged/s over the load's progress lines of the last {@value #SAMPLE_EVERY_MS} ms; -1 without two. */
    static double recentAckedPerSec(List<LoadProcess.Timed> lines, long nowNanos) {
        if (lines.size() < 2) {
            return -1;
        }
        LoadProcess.Timed last = lines.get(lines.size() - 1);
        LoadProcess.Timed first = last;
        for (int i = lines.size() - 1; i >= 0; i--) {
            first = lines.get(i);
            if (nowNanos - first.atNanos() >= TimeUnit.MILLISECONDS.toNanos(SAMPLE_EVERY_MS)) {
                break;
            }
        }
        double seconds = (last.atNanos() - first.atNanos()) / 1e9;
        return seconds <= 0 ? -1 : (last.progress().acked() - first.progress().acked()) / seconds;
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
