package io.anju.dashboards.live;

import io.anju.common.topic.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads some topics on a thread of its own and hands every record to a handler, never committing: the live state is
 * rebuilt at each start, from the newest records ({@code latest}) or from the oldest retained ({@code earliest}).
 * A consumer group of its own per start, so every dashboards process sees every record.
 */
final class TopicReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** Handles one record; a failure is logged and the record skipped (one bad record must not stop the view). */
    interface Handler {
        void handle(ConsumerRecord<byte[], byte[]> record);
    }

    private final String name;
    private final List<String> topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Handler handler;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean assigned;
    private volatile boolean failed;

    /**
     * @param fromEarliest read the retained history ({@code earliest}) rather than only what comes next
     * @param committedOnly read with {@code read_committed}: records of aborted transactions are skipped
     */
    TopicReader(String name, KafkaConnection kafka, String groupIdPrefix, List<String> topics, boolean fromEarliest,
                boolean committedOnly, Handler handler) {
        this.name = name;
        this.topics = topics;
        this.handler = handler;
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupIdPrefix + "-" + name + "-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromEarliest ? "earliest" : "latest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        // New topics (a gateway started after us) are picked up within this time.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
        this.consumer = new KafkaConsumer<>(props);
        this.thread = new Thread(this::run, "live-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
        LOG.info("live reader {} reading {}", name, topics);
    }

    boolean running() {
        return thread.isAlive() && !stopping && !failed;
    }

    /** Partitions are assigned and their start positions fixed: records written from now on will be read. */
    boolean assigned() {
        return assigned;
    }

    @Override
    public void close() {
        stopping = true;
        if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            consumer.subscribe(topics, new Positions());
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    handleSafely(r);
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll.
        } catch (RuntimeException e) {
            failed = true;
            LOG.error("live reader {} stopped: {}", name, e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handleSafely(ConsumerRecord<byte[], byte[]> r) {
        try {
            handler.handle(r);
        } catch (RuntimeException e) {
            LOG.debug("live reader {}: skipped {}-{}@{}: {}", name, r.topic(), r.partition(), r.offset(), e.toString());
        }
    }

    /** Fixes the start positions right at assignment, so {@link #assigned()} means "nothing from now on is missed". */
    private final class Positions implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(consumer::position);
            assigned = !consumer.assignment().isEmpty();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing is committed: the next owner starts from the reset policy.
        }
    }
}
