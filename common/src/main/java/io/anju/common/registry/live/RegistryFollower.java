package io.anju.common.registry.live;

import io.anju.common.json.Json;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryValidator;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows {@link RegistryTopic} from its beginning: each revision newer than the one in use is validated and swapped
 * in whole, and the listeners are told. Until the first revision arrives the registry given at start (the registry
 * file: the single-machine bootstrap) is in use. A record that does not parse or validate is reported, counted and
 * skipped: the last good registry stays in use.
 */
public final class RegistryFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryFollower.class);
    private static final TopicPartition PARTITION = new TopicPartition(Topics.REGISTRY, 0);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicLong rejected = new AtomicLong();
    private final Thread thread;
    private volatile Registry current;
    private volatile long revision;
    private volatile boolean closed;

    /**
     * @param kafka    the broker holding {@link Topics#REGISTRY} (made by {@link RegistryTopic#ensure}; until it exists,
     *                 {@code initial} stays in use)
     * @param clientId names this follower in the broker's logs and metrics
     * @param initial  the registry in use until the topic holds a revision
     */
    public RegistryFollower(KafkaConnection kafka, String clientId, Registry initial) {
        Map<String, Object> props = kafka.clientProperties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, RegistryTopic.MAX_RECORD_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, RegistryTopic.MAX_RECORD_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200);
        // Only the registry service creates the topic, compacted: a follower must not auto-create a plain one.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.current = initial;
        this.thread = new Thread(this::follow, "registry-follower " + clientId);
        this.thread.setDaemon(true);
    }

    public RegistryFollower onChange(RegistryListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Starts following, and waits up to {@code catchUp} until every revision already published is applied. */
    public RegistryFollower start(Duration catchUp) throws InterruptedException {
        thread.start();
        if (!caughtUp.await(catchUp.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("{} not read to its end within {}: going on with revision {}", Topics.REGISTRY, catchUp,
                    revision);
        }
        return this;
    }

    /** The registry to use now. */
    public Registry current() {
        return current;
    }

    /** The revision in use: 0 while the initial registry is. */
    public long revision() {
        return revision;
    }

    /** Records that did not parse or validate since start. */
    public long rejected() {
        return rejected.get();
    }

    private void follow() {
        try {
            long end = begin();
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && consumer.position(PARTITION) >= end) {
                    caughtUp.countDown();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            if (!closed) {
                LOG.error("registry follower woken up while running", e);
            }
        } catch (RuntimeException e) {
            LOG.error("registry follower stopped: the registry in use (revision {}) stays until restart", revision, e);
        } finally {
            caughtUp.countDown();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Waits for the topic, then reads it from its beginning; returns its end offset at that moment. A topic that does
     * not exist yet holds no revision, and a broker that cannot be reached has none to give now: either way the
     * registry in use stays and the start goes on, and the follower keeps trying every second.
     */
    private long begin() throws InterruptedException {
        String waitingFor = null;
        while (!closed) {
            String why;
            try {
                if (!consumer.partitionsFor(Topics.REGISTRY, Duration.ofSeconds(10)).isEmpty()) {
                    consumer.assign(List.of(PARTITION));
                    consumer.seekToBeginning(List.of(PARTITION));
                    return consumer.endOffsets(List.of(PARTITION), Duration.ofSeconds(10)).get(PARTITION);
                }
                why = Topics.REGISTRY + " does not exist yet";
            } catch (TimeoutException e) {
                why = "the broker of " + Topics.REGISTRY + " does not answer (" + e.getMessage() + ")";
            }
            caughtUp.countDown();
            if (!why.equals(waitingFor)) {
                LOG.info("{}: revision {} stays in use until it does, trying every second", why, revision);
                waitingFor = why;
            }
            Thread.sleep(1_000);
        }
        return 0;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return; // a tombstone: nothing to apply, the registry in use stays
        }
        PublishedRegistry published;
        try {
            published = Json.fromBytes(record.value(), PublishedRegistry.class);
            RegistryValidator.validate(published.document(), Topics.REGISTRY + " offset " + record.offset());
        } catch (RuntimeException e) { // unparsable JSON, a missing part, a rule broken
            rejected.incrementAndGet();
            LOG.error("{} offset {} is not a usable registry, keeping revision {}: {}", Topics.REGISTRY,
                    record.offset(), revision, e.getMessage());
            return;
        }
        if (published.revision() <= revision) {
            return;
        }
        Registry before = current;
        Registry after = new Registry(published.document());
        current = after;
        revision = published.revision();
        LOG.info("registry revision {} in use ({} devices; {} by {})", published.revision(), after.devices().size(),
                published.change(), published.changedBy());
        for (RegistryListener listener : listeners) {
            try {
                listener.changed(before, after, published);
            } catch (RuntimeException e) {
                LOG.error("a registry listener failed on revision {}", published.revision(), e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
