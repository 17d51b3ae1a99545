package io.anju.jobs.e2e;

import io.anju.common.alert.Alert;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads {@code anju.alerts} from the beginning as the case system does, on a background thread. Keeps every record in
 * order ({@link #all()}); the alerting job writes at least once, so after a restart a revision may be there twice, and
 * {@link #applied()} is what a reader that applies each {@code (id, revision)} once ends up with.
 */
final class AlertsReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Alert> alerts = new ArrayList<>();
    private final AtomicLong lastArrivalNanos = new AtomicLong(System.nanoTime());
    private final Thread thread;
    private volatile boolean running = true;

    AlertsReader(KafkaConnection kafka) {
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "alerts-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** A topic just created may take a moment to appear in the metadata. */
    private List<TopicPartition> partitions() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<TopicPartition> found = consumer.partitionsFor(Topics.ALERTS, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (!found.isEmpty()) {
                return found;
            }
        }
        throw new IllegalStateException(Topics.ALERTS + " has no partitions after 30 s");
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                Alert a = Json.fromBytes(r.value(), Alert.class);
                synchronized (alerts) {
                    alerts.add(a);
                }
                lastArrivalNanos.set(System.nanoTime());
            }
        }
        consumer.close();
    }

    List<Alert> all() {
        synchronized (alerts) {
            return List.copyOf(alerts);
        }
    }

    /** The first record of each {@code (id, revision)}, in arrival order: what an idempotent reader applies. */
    List<Alert> applied() {
        Set<String> seen = new HashSet<>();
        return all().stream().filter(a -> seen.add(a.id() + "#" + a.revision())).toList();
    }

    /** True when no alert arrived for {@code quiet}. */
    boolean quietFor(Duration quiet) {
        return System.nanoTime() - lastArrivalNanos.get() > quiet.toNanos();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
