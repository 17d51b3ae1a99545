package io.anju.gateway.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.Topics;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.ingest.Ingest;
import io.anju.gateway.ingest.IngestResult;
import io.anju.gateway.testing.TestDevices;
import io.anju.gateway.testing.TopicReader;
import io.anju.kafka.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.anju.gateway.testing.TestDevices.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The durability promise: with Kafka down nothing is acknowledged, reading pauses, and nothing acked is lost. */
class KafkaIngestBackpressureIT {
    private static final int BUFFER = 1024 * 1024;
    private static final String PADDING = "x".repeat(2000);

    @TempDir
    Path dir;

    @Test
    void brokerOutagePausesWithoutAcknowledgingAndRestartDeliversEverythingOnce() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
            DownstreamSettings settings = GatewayConfig.of(Map.of("node.id", "gw-bp",
                    "snapshot.dir", dir.resolve("snapshots").toString(),
                    "kafka.bufferMemoryBytes", Integer.toString(BUFFER))).downstream(kafka.bootstrapServers());
            AtomicInteger paused = new AtomicInteger();
            AtomicInteger resumed = new AtomicInteger();
            try (KafkaIngest ingest = new KafkaIngest(settings, KafkaIngestIT.repliesAwaitedAtDefaults(), new SimpleMeterRegistry())) {
                ingest.setBackpressureListener(new Ingest.BackpressureListener() {
                    @Override
                    public void paused() {
                        paused.incrementAndGet();
                    }

                    @Override
                    public void resumed() {
                        resumed.incrementAndGet();
                    }
                });
                Device[] devices = new Device[4];
                for (int i = 0; i < devices.length; i++) {
                    devices[i] = TestDevices.device("crowd-bp-" + i, DeviceType.CROWD);
                }
                int[] seq = new int[devices.length];
                Map<String, CompletableFuture<IngestResult>> sent = new HashMap<>();

                // While Kafka is up, messages are accepted.
                for (int n = 0; n < 40; n++) {
                    send(ingest, devices, seq, n, sent);
                }
                for (CompletableFuture<IngestResult> f : sent.values()) {
                    assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(IngestResult.ACCEPTED);
                }

                kafka.stop();
                List<CompletableFuture<IngestResult>> duringOutage = new ArrayList<>();
                // Like the MQTT side, keep reading devices until told to pause.
                for (int n = 0; paused.get() == 0 && n < 5_000; n++) {
                    duringOutage.add(send(ingest, devices, seq, n, sent));
                }
                assertThat(paused.get()).as("paused() once in flight passed the high-water mark").isEqualTo(1);
                assertThat(ingest.inFlightBytes()).isGreaterThan(settings.highWaterBytes());
                Thread.sleep(1_000);
                assertThat(duringOutage).as("nothing is acknowledged while Kafka is down").noneMatch(CompletableFuture::isDone);
                assertThat(resumed.get()).isZero();

                kafka.start();
                CompletableFuture.allOf(duringOutage.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
                assertThat(duringOutage).allSatisfy(f -> assertThat(f.join()).isEqualTo(IngestResult.ACCEPTED));
                await().atMost(Duration.ofSeconds(10)).until(() -> resumed.get() == 1);
                assertThat(ingest.inFlightBytes()).isZero();

                Map<String, Integer> copies = new HashMap<>();
                for (ConsumerRecord<String, String> r : TopicReader.readAll(kafka.bootstrapServers(), Topics.telemetry(DeviceType.CROWD))) {
                    JsonNode e = Json.mapper().readTree(r.value());
                    copies.merge(e.path("deviceId").asText() + "#" + e.path("seq").asLong(), 1, Integer::sum);
                }
                assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
                assertThat(copies.values()).as("each accepted message exactly once").containsOnly(1);
            }
        }
    }

    private static CompletableFuture<IngestResult> send(KafkaIngest ingest, Device[] devices, int[] seq, int n,
                                                        Map<String, CompletableFuture<IngestResult>> sent) {
        int d = n % devices.length;
        long s = seq[d]++;
        long now = System.currentTimeMillis();
        String payload = "{\"ts\":" + now + ",\"seq\":" + s + ",\"count\":1,\"inCount\":0,\"outCount\":0,\"intervalS\":10,\"pad\":\"" + PADDING + "\"}";
        CompletableFuture<IngestResult> f = ingest.accept(json(devices[d], Channel.TELEMETRY, payload, now)).toCompletableFuture();
        sent.put(devices[d].id() + "#" + s, f);
        return f;
    }
}
