package io.anju.jobs.bench;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.json.Json;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Tails {@code anju.alerts} from its end with one isolation level and measures, for every RAISED port overload whose
 * triggering reading was published inside the measured window, arrival wall time − {@code firstEventTs} (the
 * reading's {@code ts} is its publish time). {@code read_uncommitted} sees the record once it is written;
 * {@code read_committed} once the job's Kafka transaction commits at the next checkpoint, as the case system does.
 * Both clocks are this JVM's {@link System#currentTimeMillis()}, so figures have 1 ms resolution.
 */
final class LatencyTail implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Histogram histogram = new Histogram(60_000L, 3);
    private final Thread thread;
    private volatile long windowFrom = Long.MAX_VALUE;
    private volatile long windowTo = Long.MAX_VALUE;
    private volatile boolean running = true;
    private long raisedInWindow;
    private long otherAlerts;

    LatencyTail(String bootstrap, String topic, String isolation) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::run, "bench-tail-" + isolation);
        thread.setDaemon(true);
        thread.start();
    }

    /** Count alerts whose first reading was published in [from, to) (wall ms). */
    void window(long from, long to) {
        windowFrom = from;
        windowTo = to;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                long arrived = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> r : records) {
                    record(Json.fromBytes(r.value(), Alert.class), arrived);
                }
            }
        } catch (WakeupException e) {
            // close() stops the loop.
        } finally {
            consumer.close();
        }
    }

    private synchronized void record(Alert a, long arrived) {
        if (a.type() != AlertType.PORT_OVERLOAD) {
            otherAlerts++;
            return;
        }
        if (a.status() == AlertStatus.RAISED && a.firstEventTs() >= windowFrom && a.firstEventTs() < windowTo) {
            raisedInWindow++;
            histogram.recordValue(Math.max(0, Math.min(arrived - a.firstEventTs(), histogram.getHighestTrackableValue())));
        }
    }

    synchronized Histogram histogram() {
        return histogram.copy();
    }

    synchronized long raisedInWindow() {
        return raisedInWindow;
    }

    /** Alerts of any other type seen (the traffic should raise none). */
    synchronized long otherAlerts() {
        return otherAlerts;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
