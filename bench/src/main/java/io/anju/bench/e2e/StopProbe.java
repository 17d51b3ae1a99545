package io.anju.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Times {@code stop_port} → port confirmed off by readings, as people use it: while measuring, one stop at a time of a
 * case probe charger's stop port ({@link CaseProbe.Charger#stopPort()}), sent through the case service
 * ({@code POST /api/v1/cases/{id}/commands} for that charger's port-overload case, as the signed-in district operator),
 * then, once the alerting job's confirmation is on {@code anju.command-results}, resumed (with an override: the
 * case's alert may be open) and the next charger's stopped {@code every} later. The time of one stop is the
 * confirmation record's Kafka timestamp (the alerting job's producer clock) minus the wall clock just before the
 * request, both this machine's: the case service's publish, the gateway's delivery to the probe charger, its next
 * reading ({@value CaseProbe#TICK_MS} ms apart: they bound the figure), the gateway, Kafka and the alerting job. A stop
 * with no confirmation within {@code timeout} counts as not confirmed.
 */
final class StopProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StopProbe.class);
    static final long TICK_MS = 250;

    /** What the probe saw: confirmation times of the stops sent while measuring, ms. */
    record Result(int sent, int notConfirmed, int retried, int refused, Distribution confirmedMs) {
    }

    /** The stop in flight. */
    private record InFlight(CaseProbe.Charger charger, long caseId, String commandId, long sentAtMs) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final KafkaConnection kafka;
    private final List<CaseProbe.Charger> chargers;
    private final long everyMs;
    private final long timeoutMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-stop-probe");
        t.setDaemon(true);
        return t;
    });
    private final List<Double> confirmedMs = new ArrayList<>();
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread reader;
    private volatile String token;
    private volatile boolean measuring;
    private volatile InFlight inFlight;
    private volatile long confirmedAtMs = -1;
    private long nextAtMs;
    private int next;
    private int sent;
    private int notConfirmed;
    private int retried;
    private int refused;

    /** @param chargers the case probe's chargers; those with a stop port take turns */
    StopProbe(String casesUrl, KafkaConnection kafka, List<CaseProbe.Charger> chargers, Duration every,
              Duration timeout) {
        this.baseUrl = casesUrl.replaceAll("/+$", "");
        this.kafka = kafka;
        this.chargers = chargers.stream().filter(c -> c.stopPort() > 0).toList();
        this.everyMs = every.toMillis();
        this.timeoutMs = timeout.toMillis();
    }

    void signIn(String name, String password) throws IOException, InterruptedException {
        String body = "{\"name\":" + Json.toString(name) + ",\"password\":" + Json.toString(password) + "}";
        HttpResponse<byte[]> res = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (res.statusCode() != 200) {
            throw new IOException("case service sign-in as " + name + " answered " + res.statusCode());
        }
        token = Json.tree(res.body()).path("token").asText();
    }

    /** Reads the confirmations from the topic's end on, and ticks; stops go out only while measuring. */
    void start() {
        if (chargers.isEmpty()) {
            LOG.warn("stop probe: no probe charger has a port to spare; no stops timed");
            return;
        }
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMAND_RESULTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(this::read, "bench-stop-probe-reader");
        reader.setDaemon(true);
        reader.start();
        timer.scheduleWithFixedDelay(this::tickQuietly, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    void measuring(boolean on) {
        measuring = on;
    }

    synchronized Result result() {
        return new Result(sent, notConfirmed, retried, refused,
                Distribution.of(confirmedMs.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    onResult(r.value(), r.timestamp());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("stop probe: reading {} failed: {}", Topics.COMMAND_RESULTS, e.toString());
        }
    }

    /** A record of {@code anju.command-results}: the confirmation (or retry) of the stop in flight, or not ours. */
    synchronized void onResult(byte[] value, long timestampMs) {
        InFlight f = inFlight;
        if (f == null || value == null) {
            return;
        }
        JsonNode n;
        try {
            n = Json.tree(value);
        } catch (IOException e) {
            return;
        }
        // A retry has a new command id: the stop in flight is known by its case, station and port.
        if (!"confirmation".equals(n.path("kind").asText()) || n.path("caseId").asLong() != f.caseId()
                || !f.charger().deviceId().equals(n.path("deviceId").asText())
                || n.path("port").asInt() != f.charger().stopPort()) {
            return;
        }
        switch (n.path("outcome").asText()) {
            case "confirmed" -> {
                if (confirmedAtMs < 0) {
                    confirmedAtMs = timestampMs;
                    confirmedMs.add((double) (timestampMs - f.sentAtMs()));
                }
            }
            case "retried" -> retried++;
            default -> {
            }
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (IOException | RuntimeException e) {
            LOG.debug("stop probe tick failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        InFlight f = inFlight;
        if (f != null) {
            boolean confirmed = confirmedAtMs >= 0;
            if (!confirmed && now - f.sentAtMs() < timeoutMs) {
                return;
            }
            synchronized (this) {
                if (!confirmed) {
                    notConfirmed++;
                    LOG.warn("stop probe: stop {} of {} port {} not confirmed within {} ms", f.commandId(),
                            f.charger().deviceId(), f.charger().stopPort(), timeoutMs);
                }
                inFlight = null;
            }
            command(f.caseId(), f.charger(), "resume_port");
            nextAtMs = now + everyMs;
            return;
        }
        if (!measuring || now < nextAtMs) {
            return;
        }
        CaseProbe.Charger c = chargers.get(next++ % chargers.size());
        Long caseId = caseOf(c.deviceId());
        if (caseId == null) {
            return; // its first overload has not made a case yet; the next charger's turn
        }
        long sentAt = System.currentTimeMillis();
        HttpResponse<byte[]> res = command(caseId, c, "stop_port");
        if (res.statusCode() != 202) {
            synchronized (this) {
                refused++;
            }
            LOG.warn("stop probe: stop of {} port {} answered {}: {}", c.deviceId(), c.stopPort(), res.statusCode(),
                    new String(res.body(), StandardCharsets.UTF_8));
            nextAtMs = now + everyMs;
            return;
        }
        synchronized (this) {
            confirmedAtMs = -1;
            inFlight = new InFlight(c, caseId, Json.tree(res.body()).path("commandId").asText(), sentAt);
            sent++;
        }
    }

    /** The charger's newest port-overload case, or null while it has none. */
    private Long caseOf(String deviceId) throws IOException, InterruptedException {
        HttpResponse<byte[]> res = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/cases?category="
                + CaseWatcher.PORT_OVERLOAD_CATEGORY + "&limit=500")).header("Authorization", "Bearer " + token).GET());
        if (res.statusCode() != 200) {
            throw new IOException("case list answered " + res.statusCode());
        }
        for (JsonNode c : Json.tree(res.body()).path("items")) {
            if (deviceId.equals(c.path("deviceId").asText())) {
                return c.path("id").asLong();
            }
        }
        return null;
    }

    private HttpResponse<byte[]> command(long caseId, CaseProbe.Charger c, String action)
            throws IOException, InterruptedException {
        String body = "{\"action\":\"" + action + "\",\"deviceId\":" + Json.toString(c.deviceId()) + ",\"port\":"
                + c.stopPort() + ",\"reason\":\"bench stop probe\"" + ("resume_port".equals(action)
                ? ",\"override\":true" : "") + "}";
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/cases/" + caseId + "/commands"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (consumer != null) {
            consumer.wakeup();
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
