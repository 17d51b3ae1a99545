package io.anju.platform.recovery;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Every record of {@code anju.alerts} from the beginning, read on a thread of its own: what the topic holds, repeats
 * included, and what it means once each {@code (id, revision)} is taken once.
 */
final class AlertsLog implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Alert> records = new ArrayList<>();
    private final AtomicLong lastArrivalNanos = new AtomicLong(System.nanoTime());
    private final Thread thread;
    private volatile boolean running = true;

    AlertsLog(KafkaConnection kafka) {
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException(Topics.ALERTS + " has no partitions");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "alerts-log");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                Alert a = Json.fromBytes(r.value(), Alert.class);
                synchronized (records) {
                    records.add(a);
                }
                lastArrivalNanos.set(System.nanoTime());
            }
        }
        consumer.close();
    }

    static String revision(Alert a) {
        return a.id() + "#" + a.revision();
    }

    /** Every record, in arrival order (each partition in order). */
    List<Alert> all() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** The first copy of each {@code (id, revision)}. */
    List<Alert> distinct() {
        Set<String> seen = new HashSet<>();
        return all().stream().filter(a -> seen.add(revision(a))).toList();
    }

    /** Records whose job wrote them after {@code wallMs} (the job's clock is this machine's). */
    long emittedAfter(long wallMs) {
        return emittedWithin(wallMs, Long.MAX_VALUE);
    }

    /** Records emitted within {@code (fromMs, toMs]}. */
    long emittedWithin(long fromMs, long toMs) {
        return all().stream().filter(a -> a.emittedAt() > fromMs && a.emittedAt() <= toMs).count();
    }

    /** True when an episode was raised or updated and then cleared, all written after {@code wallMs}. */
    boolean episodeClosedAfter(long wallMs) {
        Set<String> openRevisions = new HashSet<>();
        for (Alert a : all()) {
            if (a.emittedAt() <= wallMs) {
                continue;
            }
            if (a.open()) {
                openRevisions.add(a.id());
            } else if (openRevisions.contains(a.id())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Repeats of a raise or update that come after their episode's clear: a reader that forgot the cleared episode
     * would show it open again.
     */
    long repeatsAfterTheirClear() {
        Set<String> seen = new HashSet<>();
        Set<String> cleared = new HashSet<>();
        long count = 0;
        for (Alert a : all()) {
            if (!seen.add(revision(a)) && a.open() && cleared.contains(a.id())) {
                count++;
            }
            if (!a.open()) {
                cleared.add(a.id());
            }
        }
        return count;
    }

    /**
     * The alerts the topic leaves open: of each dedup key the episode written last, when its highest revision is not
     * a clear. By {@code (id, revision)}.
     */
    Set<String> leftOpen() {
        Set<String> open = new HashSet<>();
        finalRevisions().values().stream().filter(Alert::open).forEach(a -> open.add(revision(a)));
        return open;
    }

    /**
     * Of each dedup key, the highest revision of the episode written last. A key's records share a partition, so the
     * order they were written in is the job's: a restored job that derives an episode under another id than before
     * its restart writes it after the old one.
     */
    Map<String, Alert> finalRevisions() {
        Map<String, Alert> last = new LinkedHashMap<>();
        for (Alert a : distinct()) {
            last.merge(a.dedupKey(), a, (x, y) -> x.id().equals(y.id()) && x.revision() > y.revision() ? x : y);
        }
        return last;
    }

    /** Repeats that differ from their first copy in {@code view}, each with its first copy: {@code [first, repeat]}. */
    List<List<Alert>> repeatsThatDiffer(Function<Alert, ?> view) {
        Map<String, Alert> first = new HashMap<>();
        List<List<Alert>> differ = new ArrayList<>();
        for (Alert a : all()) {
            Alert f = first.putIfAbsent(revision(a), a);
            if (f != null && !view.apply(f).equals(view.apply(a))) {
                differ.add(List.of(f, a));
            }
        }
        return differ;
    }

    /** Revisions emitted within {@code (fromMs, toMs]} that were written once only. */
    List<String> writtenOnce(long fromMs, long toMs) {
        Map<String, Integer> copies = new HashMap<>();
        all().forEach(a -> copies.merge(revision(a), 1, Integer::sum));
        return all().stream().filter(a -> a.emittedAt() > fromMs && a.emittedAt() <= toMs)
                .map(AlertsLog::revision).filter(r -> copies.get(r) == 1).toList();
    }

    /** Everything but the emission time. */
    static Alert withoutEmission(Alert a) {
        return new Alert(a.id(), a.dedupKey(), a.type(), a.severity(), a.status(), a.revision(), a.sourceKind(),
                a.sourceId(), a.deviceId(), a.port(), a.location(), a.firstEventTs(), a.lastEventTs(), 0, a.summary(),
                a.recommendedAction(), a.evidence());
    }

    boolean quietFor(Duration quiet) {
        return System.nanoTime() - lastArrivalNanos.get() > quiet.toNanos();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
