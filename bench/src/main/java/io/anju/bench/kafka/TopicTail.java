package io.anju.bench.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads topics from their ends as of {@link #start()} (records written from then on) on a thread of its own, and hands
 * every record to a {@link Reader} with the time its poll returned: the benches' view of "written → read". A record the
 * reader cannot read is logged and passed over; it stops no other.
 */
public final class TopicTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(100);

    /** What is done with each record read. */
    @FunctionalInterface
    public interface Reader {
        /** @param readAtMs this machine's clock when the poll that returned it did */
        void read(ConsumerRecord<byte[], byte[]> record, long readAtMs) throws IOException;
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final String name;
    private final Reader reader;
    private Thread thread;
    private volatile boolean closing;

    /**
     * @param clientProperties the cluster's connection and security settings
     * @param name             the consumer's client id and its thread's name
     */
    public TopicTail(Map<String, Object> clientProperties, String name, List<String> topics, Reader reader) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(props);
        this.topics = List.copyOf(topics);
        this.name = name;
        this.reader = reader;
    }

    /** Positions at the topics' ends now, then reads on its own thread. */
    public void start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        if (partitions.isEmpty()) {
            throw new IllegalStateException("no partitions of " + String.join(", ", topics));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Fix the starting point now, before anything measured can be written.
        partitions.forEach(consumer::position);
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                long readAt = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    try {
                        reader.read(r, readAt);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("{}: unreadable record {}-{}@{}: {}", name, r.topic(), r.partition(), r.offset(),
                                e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("{}: reading {} failed: {}", name, topics, e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        closing = true;
        if (thread == null) {
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
}
