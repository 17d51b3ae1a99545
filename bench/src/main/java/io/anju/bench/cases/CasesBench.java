package io.anju.bench.cases;

import io.anju.cases.intake.IntakeSettings;
import io.anju.cases.model.CaseQuery;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.Page;
import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.anju.cases.run.CasesConfig;
import io.anju.cases.run.CasesServer;
import io.anju.common.alert.Alert;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryWriter;
import io.anju.kafka.EmbeddedKafka;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./anju bench cases}: the case service with its real parts in one JVM — an embedded broker, embedded
 * PostgreSQL, the HTTP API, a local webhook receiver — fed with alert records as the stream jobs write them.
 * Phase 1 sends alerts at a steady rate and measures, per alert, alert emitted → case committed and alert emitted →
 * the webhook receiver holding the notification (GB/T 45839: ≤ 15 s). Phase 2 is a district-wide outage: one
 * device-offline alert for every device of the registry at once, timed until the last case committed. Phase 3 sends
 * alerts at a sustained rate and measures how many per second became cases and how long each took.
 */
@Command(name = "bench cases", mixinStandardHelpOptions = true,
        description = "Alert → case and alert → notification latency at a steady rate, then a district-wide outage "
                + "burst and a sustained intake rate.")
public final class CasesBench implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private static final Logger LOG = LoggerFactory.getLogger(CasesBench.class);
    private static final String TABLE_HEAD =
            "| measure | n | p50 ms | p95 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- | --- |\n";

    @Option(names = "--rate", description = "Alerts per second in the latency phase (default 20).")
    private int rate = 20;
    @Option(names = "--seconds", description = "Length of the latency phase (default 60).")
    private int seconds = 60;
    @Option(names = "--sustained-rate", description = "Alerts per second in the sustained phase (default 2000).")
    private int sustainedRate = 2000;
    @Option(names = "--sustained-seconds", description = "Length of the sustained phase (default 15).")
    private int sustainedSeconds = 15;
    @Option(names = "--intake-concurrency", description = "The service's intake.concurrency (default: its default).")
    private Integer intakeConcurrency;
    @Option(names = "--work-dir", description = "Scratch directory (default: a new temporary one).")
    private Path workDir;
    @Option(names = "--out", description = "Append the markdown report to this file.")
    private Path out;
    @Option(names = "--escalation", description = "Measure missed deadline → escalation recorded and notified instead "
            + "(EscalationBench).")
    private boolean escalation;
    @Option(names = "--escalation-cases", description = "Cases in the escalation measurement (default 200).")
    private int escalationCases = 200;
    @Option(names = "--escalation-rate", description = "Cases filed per second in the escalation measurement (default 5).")
    private int escalationRate = 5;

    private final Map<String, Long> webhookArrivals = new ConcurrentHashMap<>();
    private CostMeter cost;

    /** The report to the command's output, and appended to {@code --out} when given. */
    private void publish(CharSequence report) {
        spec.commandLine().getOut().print(report);
        spec.commandLine().getOut().flush();
        if (out == null) {
            return;
        }
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append the report to " + out, e);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CasesBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (escalation) {
            return new EscalationBench(escalationCases, escalationRate, workDir, this::publish).call();
        }
        Path dir = workDir != null ? workDir : Files.createTempDirectory("anju-bench-cases");
        Registry registry = new Registry(RegistryGenerator.generate(new GeneratorOptions(2020, true, 0)).document());
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, registry.document());
        List<Device> chargers = registry.devicesOfType(DeviceType.CHARGER);
        Vertx vertx = Vertx.vertx();
        HttpServer receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            JsonObject notice = new JsonObject(body);
            if ("opened".equals(req.getHeader("X-Anju-Event"))) {
                webhookArrivals.putIfAbsent(notice.getJsonObject("after").getString("dedupKey"), System.currentTimeMillis());
            }
            req.response().setStatusCode(200).end();
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        StringBuilder report = new StringBuilder();
        Map<String, String> settings = new HashMap<>(Map.of(
                "http.host", "127.0.0.1", "http.port", "0",
                "registry.file", registryFile.toString(),
                "data.dir", dir.resolve("data").toString(),
                "notify.webhook.url", "http://127.0.0.1:" + receiver.actualPort() + "/hook",
                "notify.webhook.secret", "bench-secret-0123456789"));
        if (intakeConcurrency != null) {
            settings.put("intake.concurrency", intakeConcurrency.toString());
        }
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
             CasesServer server = CasesServer.start(CasesConfig.of(with(settings, "kafka.bootstrap",
                     kafka.bootstrapServers())));
             KafkaProducer<byte[], byte[]> producer = BenchAlerts.producer(kafka.bootstrapServers())) {
            report.append("## Case service (").append(Instant.now()).append(")\n\n")
                    .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, JVM ")
                    .append(System.getProperty("java.version")).append(", max heap ")
                    .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB; embedded Kafka, embedded PostgreSQL, "
                            + "the case service and a local webhook receiver in one JVM; intake.concurrency ")
                    .append(intakeConcurrency != null ? intakeConcurrency : IntakeSettings.DEFAULT_CONCURRENCY).append(".\n\n");
            BenchAlerts.Source source = new BenchAlerts.Source(chargers);
            cost = new CostMeter(dir.resolve("data").resolve("cases").resolve("postgres"));
            latencyPhase(server, producer, source, report);
            burstPhase(server, producer, registry, report);
            sustainedPhase(server, producer, source, report);
        } finally {
            receiver.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        publish(report);
        return 0;
    }

    private void latencyPhase(CasesServer server, KafkaProducer<byte[], byte[]> producer, BenchAlerts.Source source,
                              StringBuilder report) throws Exception {
        int total = rate * seconds;
        LOG.info("latency phase: {} alerts at {}/s ...", total, rate);
        long intervalNs = 1_000_000_000L / rate;
        long next = System.nanoTime();
        List<String> keys = new ArrayList<>();
        CostMeter.Reading before = cost.read();
        for (int i = 0; i < total; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += intervalNs;
            Alert a = source.next();
            keys.add(a.dedupKey());
            BenchAlerts.send(producer, a);
            if ((i + 1) % (rate * 10) == 0) {
                LOG.info("sent {} of {}", i + 1, total);
            }
        }
        producer.flush();
        List<CaseRecord> cases = awaitCases(server, Set.copyOf(keys), Duration.ofMinutes(5));
        awaitNotified(keys);
        CostMeter.Reading after = cost.read();
        List<Long> toCase = new ArrayList<>();
        List<Long> toWebhook = new ArrayList<>();
        for (CaseRecord c : cases) {
            long emitted = c.alertEmittedAt().toEpochMilli();
            toCase.add(c.createdAt().toEpochMilli() - emitted);
            Long arrived = webhookArrivals.get(c.dedupKey());
            if (arrived != null) {
                toWebhook.add(arrived - emitted);
            }
        }
        report.append("### Latency at ").append(rate).append(" alerts/s for ").append(seconds).append(" s (")
                .append(total).append(" alerts, each a new case)\n\n")
                .append(TABLE_HEAD)
                .append(row("alert emitted → case committed", toCase))
                .append(row("alert emitted → webhook receiver has the notification", toWebhook))
                .append('\n').append(CostMeter.describe(before, after, total));
    }

    /** Every device of the district goes offline at once: one device-offline alert each, sent as one burst. */
    private void burstPhase(CasesServer server, KafkaProducer<byte[], byte[]> producer, Registry registry,
                            StringBuilder report) throws Exception {
        List<Device> devices = List.copyOf(registry.devices());
        LOG.info("burst phase: {} device-offline alerts at once ...", devices.size());
        double appliedBefore = applied(server);
        List<String> keys = new ArrayList<>();
        CostMeter.Reading before = cost.read();
        long start = System.currentTimeMillis();
        for (Device d : devices) {
            Alert a = BenchAlerts.offline(d, System.currentTimeMillis());
            keys.add(a.dedupKey());
            BenchAlerts.send(producer, a);
        }
        producer.flush();
        long sent = System.currentTimeMillis();
        long lastCommitted = awaitApplied(server, appliedBefore + devices.size(), Duration.ofMinutes(5));
        long lastNotified = awaitNotified(keys);
        CostMeter.Reading after = cost.read();
        List<Long> toCase = toCase(awaitCases(server, Set.copyOf(keys), Duration.ofMinutes(1)));
        double secondsTaken = (lastCommitted - start) / 1e3;
        report.append("### District-wide outage burst\n\n").append(devices.size())
                .append(" device-offline alerts, one per device of the registry, sent at once (the producer took ")
                .append(sent - start).append(" ms): the last case committed **")
                .append(lastCommitted - start).append(" ms** after the first alert was sent, **")
                .append(String.format("%.0f", devices.size() / secondsTaken)).append(" alerts/s**; the last `opened` "
                        + "notice reached the webhook receiver ").append(lastNotified - start).append(" ms after it.\n\n")
                .append(TABLE_HEAD).append(row("alert emitted → case committed", toCase)).append('\n')
                .append(CostMeter.describe(before, after, devices.size()));
    }

    /** Alerts at a steady high rate, each a new case: does the intake keep up, and how long does each take? */
    private void sustainedPhase(CasesServer server, KafkaProducer<byte[], byte[]> producer, BenchAlerts.Source source,
                                StringBuilder report) throws Exception {
        int total = sustainedRate * sustainedSeconds;
        LOG.info("sustained phase: {} alerts at {}/s ...", total, sustainedRate);
        double appliedBefore = applied(server);
        List<String> keys = new ArrayList<>();
        CostMeter.Reading before = cost.read();
        long start = System.currentTimeMillis();
        long intervalNs = 1_000_000_000L / sustainedRate;
        long next = System.nanoTime();
        for (int i = 0; i < total; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += intervalNs;
            Alert a = source.next();
            keys.add(a.dedupKey());
            BenchAlerts.send(producer, a);
        }
        producer.flush();
        long sent = System.currentTimeMillis();
        long lastCommitted = awaitApplied(server, appliedBefore + total, Duration.ofMinutes(15));
        long lastNotified = awaitNotified(keys);
        CostMeter.Reading after = cost.read();
        List<Long> toCase = toCase(awaitCases(server, Set.copyOf(keys), Duration.ofMinutes(1)));
        report.append("### Sustained intake\n\n").append(total).append(" alerts offered at ").append(sustainedRate)
                .append("/s for ").append(sustainedSeconds).append(" s (sent in ")
                .append(String.format("%.1f", (sent - start) / 1e3)).append(" s), each a new case: the last case "
                        + "committed ").append(lastCommitted - sent).append(" ms after the last alert was sent; **")
                .append(String.format("%.0f", total / ((lastCommitted - start) / 1e3)))
                .append(" alerts/s** became cases (each: its receipt, case row, audit "
                        + "event and outbox rows); the last `opened` notice reached the webhook receiver ")
                .append(lastNotified - sent).append(" ms after the last alert was sent.\n\n")
                .append(TABLE_HEAD).append(row("alert emitted → case committed", toCase)).append('\n')
                .append(CostMeter.describe(before, after, total));
    }

    /** Alert records the intake has applied so far (each after its case transaction committed). */
    private static double applied(CasesServer server) {
        return server.metrics().find("anju.cases.alerts.applied").counter().count();
    }

    /** Waits (checking every 2 ms) until the intake has applied {@code target} records; returns when it saw that. */
    private static long awaitApplied(CasesServer server, double target, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long nextLog = System.nanoTime() + 5_000_000_000L;
        while (applied(server) < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the intake applied " + applied(server) + " records of " + target);
            }
            if (System.nanoTime() > nextLog) {
                LOG.info("{} of {} alerts applied", (long) applied(server), (long) target);
                nextLog += 5_000_000_000L;
            }
            Thread.sleep(2);
        }
        return System.currentTimeMillis();
    }

    /**
     * Waits until the webhook receiver holds the {@code opened} notice of every key (at most two minutes), so that a
     * phase's cost includes the notifier's work; returns when the last one arrived (now, if some never did).
     */
    private long awaitNotified(List<String> keys) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!webhookArrivals.keySet().containsAll(keys)) {
            if (System.nanoTime() > deadline) {
                LOG.warn("{} of {} notices reached the webhook receiver", keys.stream()
                        .filter(webhookArrivals::containsKey).count(), keys.size());
                return System.currentTimeMillis();
            }
            Thread.sleep(20);
        }
        return keys.stream().mapToLong(webhookArrivals::get).max().orElse(System.currentTimeMillis());
    }

    /** Per case, alert emitted → case written, as its committing transaction recorded it ({@code created_at}). */
    private static List<Long> toCase(List<CaseRecord> cases) {
        return cases.stream().map(c -> c.createdAt().toEpochMilli() - c.alertEmittedAt().toEpochMilli()).toList();
    }

    private static List<CaseRecord> awaitCases(CasesServer server, Set<String> keys, Duration patience) throws Exception {
        Principal district = new Principal("bench", Role.DISTRICT_OPERATOR, Set.of("lianhu"));
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            List<CaseRecord> found = new ArrayList<>();
            int offset = 0;
            while (true) {
                Page<CaseRecord> page = server.service().list(district, new CaseQuery(null, null, null, null, null, null,
                        null, null, null, null, null, 500, offset)).await(30, TimeUnit.SECONDS);
                page.items().stream().filter(c -> keys.contains(c.dedupKey())).forEach(found::add);
                offset += page.items().size();
                if (page.items().isEmpty() || offset >= page.total()) {
                    break;
                }
            }
            if (found.size() >= keys.size()) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + found.size() + " of " + keys.size() + " alerts became cases");
            }
            LOG.info("{} of {} alerts are cases", found.size(), keys.size());
            Thread.sleep(2_000);
        }
    }

    private static String row(String what, List<Long> values) {
        if (values.isEmpty()) {
            return "| " + what + " | 0 | | | | |\n";
        }
        List<Long> sorted = values.stream().sorted().toList();
        return "| " + what + " | " + sorted.size() + " | " + pct(sorted, 0.50) + " | " + pct(sorted, 0.95) + " | "
                + pct(sorted, 0.99) + " | " + sorted.get(sorted.size() - 1) + " |\n";
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static Map<String, String> with(Map<String, String> settings, String name, String value) {
        Map<String, String> all = new HashMap<>(settings);
        all.put(name, value);
        return all;
    }
}
