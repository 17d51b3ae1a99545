package io.anju.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import io.anju.common.topic.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest promise end to end: 50 devices (25 on MQTT 3.1.1, 25 on 5.0) publish 10,000 QoS 1 charger
 * telemetry messages through the real gateway; every one is acknowledged and is in Kafka exactly once, as a
 * correct envelope.
 */
class IngestCompletenessIT {
    private static final int DEVICES = 50;
    private static final int PER_DEVICE = 200;
    /** Unacknowledged publishes per client; below the gateway's limits.inflightPerConnection (100). */
    private static final int WINDOW = 50;
    private static final long TS0 = 1_764_378_000_000L;

    @TempDir
    Path dir;
    private GatewayFixture gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void tenThousandQos1Messages_allAcknowledged_allInKafkaOnce_asCorrectEnvelopes() throws Exception {
        gateway = GatewayFixture.prepare(dir, DEVICES).start(Map.of(
                "limits.messagesPerSecond", "100000", "limits.messageBurst", "100000"));
        List<DeviceConnection> devices = new ArrayList<>();
        for (int n = 1; n <= DEVICES; n++) {
            String id = GatewayFixture.loadDevice(n);
            devices.add(n % 2 == 0
                    ? DeviceConnection.v5(gateway.tcpUri(), id, gateway.secret(id))
                    : DeviceConnection.v3(gateway.tcpUri(), id, gateway.secret(id)));
        }
        Map<String, AtomicInteger> acked = new ConcurrentHashMap<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        long before = System.currentTimeMillis();
        ExecutorService pool = Executors.newFixedThreadPool(DEVICES);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (DeviceConnection d : devices) {
                runs.add(pool.submit(() -> {
                    d.connect();
                    publishAll(d, acked.computeIfAbsent(d.deviceId, k -> new AtomicInteger()), failures);
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            devices.forEach(DeviceConnection::close);
        }
        long after = System.currentTimeMillis();

        assertThat(failures).as("publishes that were not acknowledged").isEmpty();
        assertThat(acked.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(DEVICES * PER_DEVICE);

        Map<String, Integer> copies = new HashMap<>();
        for (Envelopes.Keyed r : Envelopes.read(gateway.kafka(), Topics.telemetry(DeviceType.CHARGER))) {
            JsonNode e = r.value();
            String deviceId = e.path("deviceId").asText();
            long seq = e.path("seq").asLong();
            copies.merge(Envelopes.id(deviceId, seq), 1, Integer::sum);
            assertThat(r.key()).isEqualTo(deviceId);
            assertThat(e.path("type").asText()).isEqualTo("charger");
            assertThat(e.path("channel").asText()).isEqualTo("telemetry");
            assertThat(e.path("ts").asLong()).isEqualTo(TS0 + seq);
            assertThat(e.path("receivedAt").asLong()).isBetween(before, after);
            assertThat(e.path("gateway").asText()).isEqualTo(GatewayFixture.NODE_ID);
            assertThat(e.path("location").path("compoundId").asText())
                    .isEqualTo(gateway.device(deviceId).location().compoundId()).isNotEmpty();
            assertThat(e.path("payload").path("seq").asLong()).isEqualTo(seq);
            assertThat(e.path("payload").path("ports")).hasSize(2);
        }
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= DEVICES; n++) {
            for (int seq = 1; seq <= PER_DEVICE; seq++) {
                expected.add(Envelopes.id(GatewayFixture.loadDevice(n), seq));
            }
        }
        assertThat(copies.keySet()).as("every message, nothing else").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(copies.values()).as("no duplicates").containsOnly(1);
    }

    /** Publishes seq 1..200 keeping at most WINDOW unacknowledged, then waits for the last acknowledgement. */
    private static void publishAll(DeviceConnection d, AtomicInteger acked, List<Throwable> failures) throws InterruptedException {
        Semaphore window = new Semaphore(WINDOW);
        String topic = MqttTopics.telemetry(DeviceType.CHARGER, d.deviceId);
        for (long seq = 1; seq <= PER_DEVICE; seq++) {
            if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new AssertionError(d.deviceId + " (" + d.protocol() + "): no PUBACK for 30 s");
            }
            long s = seq;
            d.publishQos1(topic, DeviceClients.bytes(DeviceClients.chargerTelemetry(TS0 + seq, seq)),
                    () -> {
                        acked.incrementAndGet();
                        window.release();
                    },
                    e -> {
                        failures.add(new AssertionError(d.deviceId + " (" + d.protocol() + ") seq " + s, e));
                        window.release();
                    });
        }
        if (!window.tryAcquire(WINDOW, 30, TimeUnit.SECONDS)) {
            throw new AssertionError(d.deviceId + " (" + d.protocol() + "): last PUBACKs missing after 30 s");
        }
    }
}
