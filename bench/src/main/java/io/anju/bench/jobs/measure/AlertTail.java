package io.anju.bench.jobs.measure;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tails {@code anju.alerts} from its end on its own thread, as the case system would read it: every RAISED port
 * overload goes to the {@link ProbeBook} with the time this reader received it, and every alert is counted by type
 * and status (the traffic should raise nothing but port overloads, each cleared by the device's next reading).
 */
public final class AlertTail implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ProbeBook probes;
    private final Map<String, Long> counts = new TreeMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastArrivalMs;

    public AlertTail(String bootstrap, ProbeBook probes) {
        this.probes = probes;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS).stream()
                .map(p -> new TopicPartition(Topics.ALERTS, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Fix the starting point now, before the job can write anything.
        partitions.forEach(consumer::position);
        thread = new Thread(this::run, "bench-alert-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                long received = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    Alert a = Json.fromBytes(r.value(), Alert.class);
                    if (a.type() == AlertType.PORT_OVERLOAD && a.status() == AlertStatus.RAISED) {
                        probes.raised(a.deviceId(), a.port(), a.lastEventTs(), received);
                    }
                    count(a.type().wireName() + " " + a.status().name().toLowerCase(Locale.ROOT));
                }
                if (!records.isEmpty()) {
                    lastArrivalMs = received;
                }
            }
        } catch (WakeupException e) {
            // close() ends the loop.
        } finally {
            consumer.close();
        }
    }

    private synchronized void count(String typeAndStatus) {
        counts.merge(typeAndStatus, 1L, Long::sum);
    }

    /** Alerts seen so far by {@code "type status"}, e.g. {@code "port_overload raised"}. */
    public synchronized Map<String, Long> counts() {
        return new TreeMap<>(counts);
    }

    /** When the last alert arrived (wall ms), 0 before the first. */
    public long lastArrivalMs() {
        return lastArrivalMs;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
