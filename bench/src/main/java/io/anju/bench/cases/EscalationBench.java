package io.anju.bench.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.cases.json.CasesJson;
import io.anju.cases.notify.WebhookSignature;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.run.CasesConfig;
import io.anju.cases.run.CasesServer;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryWriter;
import io.anju.kafka.EmbeddedKafka;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./anju bench cases --escalation}: missed deadline → escalation recorded and notified (goal p99 ≤ 2 s). The
 * case service with its real parts (embedded Kafka and PostgreSQL, the signed notification webhook to a local
 * receiver) files red fire-risk cases at a steady rate with a short acknowledge limit, and nobody acknowledges them.
 * For each case the receiver notes when the reminder (due at the acknowledge deadline) and the first escalation (due
 * one {@code supervision.ackEscalateAfter} later) arrive, and the audit trail says when each was recorded; both are
 * measured from the moment the step fell due. Supervision keeps its default 10 s interval: only waking at the
 * earliest due step can meet the goal.
 */
public final class EscalationBench {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationBench.class);
    private static final String SECRET = "bench-secret-0123456789";
    private static final Duration ACK_WITHIN = Duration.ofSeconds(5);
    private static final Duration ESCALATE_AFTER = Duration.ofSeconds(2);

    private final int cases;
    private final int rate;
    private final Path workDir;
    private final Consumer<CharSequence> publish;
    /** Per notice kind: due → recorded (the audit entry's time) and due → arrived at the receiver, in ms. */
    private final Map<String, List<Long>> recorded = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> arrived = new ConcurrentHashMap<>();
    private final AtomicInteger badSignatures = new AtomicInteger();

    /** @param publish where the markdown report goes (the bench command's output and report file) */
    public EscalationBench(int cases, int rate, Path workDir, Consumer<CharSequence> publish) {
        this.cases = cases;
        this.rate = rate;
        this.workDir = workDir;
        this.publish = publish;
    }

    public Integer call() throws Exception {
        Path dir = workDir != null ? workDir : Files.createTempDirectory("anju-bench-escalation");
        Registry registry = new Registry(RegistryGenerator.generate(new GeneratorOptions(2020, true, 0)).document());
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, registry.document());
        Path categoriesFile = shortFireRiskLimits(dir.resolve("categories.json"));
        List<Device> chargers = registry.devicesOfType(DeviceType.CHARGER);
        Vertx vertx = Vertx.vertx();
        HttpServer receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            long now = System.currentTimeMillis();
            String raw = body.toString(StandardCharsets.UTF_8);
            if (!WebhookSignature.verify(SECRET, req.getHeader("X-Anju-Signature"), req.getHeader("X-Anju-Timestamp"),
                    raw, Instant.ofEpochMilli(now), Duration.ofMinutes(5))) {
                badSignatures.incrementAndGet();
            } else {
                note(req.getHeader("X-Anju-Event"), raw, now);
            }
            req.response().setStatusCode(200).end();
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        StringBuilder report = new StringBuilder();
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
             CasesServer server = CasesServer.start(CasesConfig.of(Map.of(
                     "http.host", "127.0.0.1", "http.port", "0",
                     "registry.file", registryFile.toString(),
                     "data.dir", dir.resolve("data").toString(),
                     "kafka.bootstrap", kafka.bootstrapServers(),
                     "categories.file", categoriesFile.toString(),
                     "supervision.ackRemindEvery", "1h",
                     "supervision.ackEscalateAfter", ESCALATE_AFTER.toSeconds() + "s",
                     "notify.webhook.url", "http://127.0.0.1:" + receiver.actualPort() + "/hook",
                     "notify.webhook.secret", SECRET)))) {
            LOG.info("escalation bench: {} red fire-risk cases at {}/s, acknowledge within {}, escalate {} later ...",
                    cases, rate, ACK_WITHIN, ESCALATE_AFTER);
            long intervalNs = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < cases; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += intervalNs;
                server.service().applyAlert(fireRisk(chargers, i)).await(30, TimeUnit.SECONDS);
            }
            long patience = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (count(arrived, "escalated") < cases && System.nanoTime() < patience) {
                Thread.sleep(500);
            }
            report.append("## Case service: missed deadline → escalation (").append(Instant.now()).append(")\n\n")
                    .append(cases).append(" red fire-risk cases filed at ").append(rate).append("/s, acknowledge limit ")
                    .append(ACK_WITHIN.toSeconds()).append(" s, `supervision.ackEscalateAfter` ")
                    .append(ESCALATE_AFTER.toSeconds()).append(" s, `supervision.interval` 10 s (default); nobody ")
                    .append("acknowledges. Times from the moment each step fell due; \"recorded\" is the audit entry's ")
                    .append("time, \"notified\" the signed webhook request arriving at the local receiver. ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores, JVM ")
                    .append(System.getProperty("java.version")).append(".\n\n")
                    .append("| measure | n | p50 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- |\n")
                    .append(row("deadline → reminder recorded", recorded.get("reminder")))
                    .append(row("deadline → reminder notified", arrived.get("reminder")))
                    .append(row("escalation due → escalation recorded", recorded.get("escalated")))
                    .append(row("escalation due → escalation notified", arrived.get("escalated")))
                    .append('\n');
            if (badSignatures.get() > 0) {
                report.append("**").append(badSignatures.get()).append(" requests failed signature checks.**\n\n");
            }
        } finally {
            receiver.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        publish.accept(report);
        return count(arrived, "escalated") == cases && badSignatures.get() == 0 ? 0 : 1;
    }

    /** The first reminder and the first escalation of each case; later ones are not part of the figure. */
    private void note(String kind, String raw, long arrivedAt) {
        if (!"reminder".equals(kind) && !"escalated".equals(kind)) {
            return;
        }
        try {
            JsonNode event = CasesJson.mapper().readTree(raw).path("event");
            JsonNode data = event.path("data");
            boolean first = "reminder".equals(kind) ? data.path("reminder").asInt() == 1
                    : "community".equals(data.path("level").asText());
            if (!first || !"acknowledge".equals(data.path("stage").asText())) {
                return;
            }
            long due = Instant.parse(data.path("dueAt").asText()).toEpochMilli();
            long at = Instant.parse(event.path("at").asText()).toEpochMilli();
            recorded.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(at - due);
            arrived.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(arrivedAt - due);
        } catch (Exception e) {
            LOG.warn("unreadable notice: {}", e.toString());
        }
    }

    private static int count(Map<String, List<Long>> m, String kind) {
        List<Long> l = m.get(kind);
        return l == null ? 0 : l.size();
    }

    /** The built-in table with the fire-risk acknowledge limit cut to a few seconds, so deadlines come quickly. */
    private static Path shortFireRiskLimits(Path file) throws Exception {
        JsonNode table;
        try (InputStream in = CategoryTable.class.getResourceAsStream(CategoryTable.DEFAULT_RESOURCE)) {
            table = CasesJson.mapper().readTree(in);
        }
        for (JsonNode category : table) {
            if ("01-01".equals(category.path("code").asText())) {
                ObjectNode ack = (ObjectNode) category.path("acknowledgeWithin");
                for (Severity s : Severity.values()) {
                    ack.put(s.wireName(), ACK_WITHIN.toString());
                }
            }
        }
        Files.writeString(file, CasesJson.mapper().writeValueAsString(table));
        return file;
    }

    /** A new red fire risk on the next charger port each time: every alert opens its own case. */
    private static Alert fireRisk(List<Device> chargers, int n) {
        Device d = chargers.get(n % chargers.size());
        int port = 1 + (n / chargers.size()) % 12;
        long now = System.currentTimeMillis();
        String source = Alert.portSourceId(d.id(), port);
        String key = Alert.dedupKey(AlertType.FIRE_RISK, source) + "~bench" + n;
        return new Alert(Alert.idFor(key, now), key, AlertType.FIRE_RISK, Severity.RED, AlertStatus.RAISED, 1,
                SourceKind.PORT, source, d.id(), port, d.location(), now - 10_000, now, now,
                "port " + port + " of " + d.id() + " at 66 °C and rising", "stop_port",
                List.of(Evidence.portReading(now, d.id(), port, "temperatureC", 66, "°C")));
    }

    private static String row(String what, List<Long> values) {
        if (values == null || values.isEmpty()) {
            return "| " + what + " | 0 | | | |\n";
        }
        List<Long> sorted;
        synchronized (values) {
            sorted = values.stream().sorted().toList();
        }
        return "| " + what + " | " + sorted.size() + " | " + pct(sorted, 0.50) + " | " + pct(sorted, 0.99) + " | "
                + sorted.get(sorted.size() - 1) + " |\n";
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
