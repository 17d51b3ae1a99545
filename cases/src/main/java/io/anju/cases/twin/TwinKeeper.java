package io.anju.cases.twin;

import io.anju.cases.intake.BatchIntakeLoop;
import io.anju.cases.intake.IntakeSettings;
import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Envelope;
import io.anju.common.registry.Registry;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import io.anju.common.twin.DeviceTwin;
import io.anju.common.twin.TwinTopic;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Keeps every registered device's {@link DeviceTwin} from the gateway's streams ({@code anju.status}, the
 * {@code anju.telemetry.*} topics, {@code anju.events}, {@code anju.diagnostics}) and publishes the changed ones to the
 * compacted {@code anju.twin}, each device at most once per publish interval. The streams' offsets are committed only
 * after the twin records that cover them are acknowledged, so a crash reads again what may not be on {@code anju.twin}
 * yet ({@link TwinRules} make that harmless). At start it reads {@code anju.twin} from the beginning to its end, so
 * the API answers every device's last known state at once; the streams then continue from the group's committed
 * offsets. A group without them (a new deployment) starts at the records written since the keeper started, not at
 * days of retained telemetry. Records of ids the live registry does not know are dropped and counted; a twin whose
 * device left the registry is removed and tombstoned on the topic.
 */
public final class TwinKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TwinKeeper.class);
    public static final String GROUP_ID = "anju-cases-twin";
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    /** The streams the twin is kept from. */
    public static final List<String> STREAMS = Stream.concat(
            Stream.of(Topics.STATUS, Topics.EVENTS, Topics.DIAGNOSTICS),
            Arrays.stream(DeviceType.values()).map(Topics::telemetry)).toList();

    private final KafkaConnection kafka;
    private final Duration publishInterval;
    private final Supplier<Registry> registry;
    private final Clock clock;
    private final TwinMetrics metrics;
    private final BatchIntakeLoop loop;
    private final Map<String, DeviceTwin> twins = new ConcurrentHashMap<>();
    /** The loop thread's: ids changed since the last publish, with when they first changed (nanos). */
    private final Map<String, Long> dirty = new LinkedHashMap<>();
    /** The loop thread's: devices that left the registry, whose tombstones are not yet acknowledged. */
    private final Set<String> tombstones = new LinkedHashSet<>();
    /** The loop thread's: offsets of the records applied since the last publish. */
    private final Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();

    private KafkaProducer<String, byte[]> producer;
    private Registry checkedAgainst;
    private long lastPublishNanos = System.nanoTime();
    private long startedAt;
    private boolean restored;
    private volatile boolean outage;

    /**
     * {@code settings} give the Kafka connection, the consumer group (the service's is {@link #GROUP_ID}) and the retry
     * back-off; their topic is not used.
     */
    public TwinKeeper(IntakeSettings settings, Duration publishInterval, Supplier<Registry> registry,
                      MeterRegistry metrics, Clock clock) {
        this.kafka = settings.kafka();
        this.publishInterval = publishInterval;
        this.registry = registry;
        this.clock = clock;
        this.metrics = new TwinMetrics(metrics, twins::size);
        Properties consumer = settings.consumerProperties("anju-cases-twin");
        // Where a group without committed offsets starts is set on assignment (below); this is only the fallback.
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        Duration poll = publishInterval.compareTo(settings.pollTimeout()) < 0 ? publishInterval : settings.pollTimeout();
        this.loop = new BatchIntakeLoop("twin keeper", "twin-keeper", consumer, STREAMS, poll,
                settings.retryBackoff(), STEP_TIMEOUT);
    }

    /**
     * Reads {@code anju.twin} to its end, so {@link #twin} answers every device's last known state at once; before
     * {@link #start()}. Fails when the topic cannot be read within 30 s.
     */
    public synchronized void restore() {
        if (restored) {
            throw new IllegalStateException("the twin keeper is already restored");
        }
        startedAt = System.currentTimeMillis(); // compared with record timestamps: the wall clock, not the service's
        long began = System.nanoTime();
        twins.putAll(TwinTopic.read(kafka, "anju-cases-twin-restore", STEP_TIMEOUT));
        restored = true;
        LOG.info("twin keeper restored {} twins from {} in {} ms", twins.size(), Topics.TWIN,
                (System.nanoTime() - began) / 1_000_000);
    }

    /** Follows the streams (restoring first if {@link #restore()} was not called). */
    public synchronized void start() {
        if (producer != null) {
            throw new IllegalStateException("the twin keeper is already started");
        }
        if (!restored) {
            restore();
        }
        producer = producer();
        loop.start(new BatchIntakeLoop.Step() {
            @Override
            public boolean handle(ConsumerRecords<byte[], byte[]> records) {
                apply(records);
                if (System.nanoTime() - lastPublishNanos >= publishInterval.toNanos()) {
                    publish();
                }
                return false;
            }

            @Override
            public void finish() {
                publish();
            }
        }, new Assignment());
    }

    /** The device's twin, if anything of it was seen (or restored). */
    public Optional<DeviceTwin> twin(String deviceId) {
        return Optional.ofNullable(twins.get(deviceId));
    }

    /** Reading the streams, and {@code anju.twin} takes the twins. */
    public boolean healthy() {
        return loop.running() && !outage;
    }

    @Override
    public void close() {
        loop.close();
        KafkaProducer<String, byte[]> p;
        synchronized (this) {
            p = producer;
        }
        if (p != null) {
            p.close(Duration.ofSeconds(10));
        }
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        Registry known = registry.get();
        int changed = 0;
        int unchanged = 0;
        int unknown = 0;
        applied.putAll(records.nextOffsets());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Object decoded = decode(r);
            if (decoded == null) {
                continue;
            }
            String id = decoded instanceof Envelope e ? e.deviceId() : ((DiagnosticEvent) decoded).deviceId();
            Optional<Device> device = id == null ? Optional.empty() : known.device(id);
            if (device.isEmpty()) {
                unknown++;
                continue;
            }
            DeviceTwin kept = twins.get(id);
            DeviceTwin before = kept != null ? kept : TwinRules.empty(id, device.get().type());
            DeviceTwin after = decoded instanceof Envelope e ? TwinRules.apply(before, e)
                    : TwinRules.apply(before, (DiagnosticEvent) decoded);
            if (after == kept) {
                unchanged++;
            } else {
                twins.put(id, after);
                dirty.putIfAbsent(id, System.nanoTime());
                changed++;
            }
        }
        metrics.records("applied", changed);
        metrics.records("unchanged", unchanged);
        metrics.records("unknown_device", unknown);
    }

    /** The record's envelope or diagnostic event, or null (counted and warned) when it does not parse. */
    private Object decode(ConsumerRecord<byte[], byte[]> r) {
        String why;
        try {
            if (r.value() != null && Topics.DIAGNOSTICS.equals(r.topic())) {
                DiagnosticEvent d = Json.fromBytes(r.value(), DiagnosticEvent.class);
                if (d.kind() != null) {
                    return d;
                }
                why = "no kind";
            } else if (r.value() != null) {
                Envelope e = Json.fromBytesWithDefaults(r.value(), Envelope.class);
                if (e.channel() != null) {
                    return e;
                }
                why = "no channel";
            } else {
                why = "no value";
            }
        } catch (RuntimeException e) {
            why = e.getMessage();
        }
        metrics.records("unreadable", 1);
        LOG.warn("twin keeper skipped an unreadable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), why);
        return null;
    }

    /**
     * Writes the changed twins and the tombstones of devices that left the registry, waits for Kafka to acknowledge
     * them, then commits the offsets of the records they cover. When Kafka does not take them, the twins stay changed
     * and the offsets uncommitted until the next publish succeeds.
     */
    private void publish() {
        lastPublishNanos = System.nanoTime();
        removeLeftDevices();
        if (dirty.isEmpty() && tombstones.isEmpty()) {
            commitApplied();
            return;
        }
        long now = clock.millis();
        Map<TopicPartition, OffsetAndMetadata> covered = new HashMap<>(applied);
        Map<String, Long> sent = new LinkedHashMap<>(dirty);
        List<String> removed = new ArrayList<>(tombstones);
        List<Future<?>> acks = new ArrayList<>(sent.size() + removed.size());
        try {
            for (String id : sent.keySet()) {
                DeviceTwin t = twins.get(id);
                if (t == null) {
                    continue;
                }
                DeviceTwin stamped = new DeviceTwin(t.deviceId(), t.type(), now, t.lastSeenAt(), t.connection(),
                        t.status(), t.telemetry(), t.ports(), t.lastEvent(), t.lastError());
                twins.put(id, stamped);
                acks.add(producer.send(new ProducerRecord<>(Topics.TWIN, id, Json.toBytes(stamped))));
            }
            for (String id : removed) {
                acks.add(producer.send(new ProducerRecord<>(Topics.TWIN, id, null)));
            }
            for (Future<?> ack : acks) {
                ack.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!outage) {
                outage = true;
                LOG.warn("twins not published to {} ({}); trying again every {} ms", Topics.TWIN,
                        e.getCause() == null ? e : e.getCause(), publishInterval.toMillis());
            }
            return;
        }
        if (outage) {
            outage = false;
            LOG.info("twins are published to {} again", Topics.TWIN);
        }
        long acked = System.nanoTime();
        sent.forEach((id, since) -> {
            dirty.remove(id);
            metrics.lag(acked - since);
        });
        metrics.published("twin", sent.size());
        removed.forEach(tombstones::remove);
        metrics.published("tombstone", removed.size());
        covered.forEach((tp, offset) -> applied.remove(tp, offset));
        loop.commit(covered, "twin stream");
    }

    /**
     * Takes the twins of devices no longer in the registry out of the map, to be tombstoned; looked for when the
     * registry changed.
     */
    private void removeLeftDevices() {
        Registry current = registry.get();
        if (current == checkedAgainst) {
            return;
        }
        List<String> left = twins.keySet().stream().filter(id -> current.device(id).isEmpty()).toList();
        left.forEach(id -> {
            twins.remove(id);
            dirty.remove(id);
            tombstones.add(id);
        });
        if (!left.isEmpty()) {
            LOG.info("twin keeper removes the twins of {} devices that left the registry", left.size());
        }
        checkedAgainst = current;
    }

    private void commitApplied() {
        if (!applied.isEmpty()) {
            loop.commit(new HashMap<>(applied), "twin stream");
            applied.clear();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = kafka.properties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "anju-cases-twin");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) STEP_TIMEOUT.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A partition the group has no committed offset for starts at the first record written since the keeper started
     * (its end if there is none): a new deployment does not replay the retained telemetry, yet misses nothing written
     * while the group formed; that start is committed at once. Offsets of revoked partitions are committed first, as
     * far as their twins are published.
     */
    private final class Assignment implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                publish();
                partitions.forEach(applied::remove);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            KafkaConsumer<byte[], byte[]> c = loop.consumer();
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(Set.copyOf(partitions), STEP_TIMEOUT);
            Map<TopicPartition, Long> fresh = new HashMap<>();
            for (TopicPartition tp : partitions) {
                if (committed.get(tp) == null) {
                    fresh.put(tp, startedAt);
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndTimestamp> at = c.offsetsForTimes(fresh, STEP_TIMEOUT);
            Map<TopicPartition, Long> end = c.endOffsets(fresh.keySet(), STEP_TIMEOUT);
            Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
            fresh.keySet().forEach(tp -> starts.put(tp,
                    new OffsetAndMetadata(at.get(tp) == null ? end.get(tp) : at.get(tp).offset())));
            starts.forEach((tp, start) -> c.seek(tp, start.offset()));
            // Committed at once, so a partition nothing is read from before a restart resumes here, not after it.
            loop.commit(starts, "twin stream");
            LOG.info("twin keeper starts {} partitions without committed offsets at the records since {}",
                    fresh.size(), Instant.ofEpochMilli(startedAt));
        }
    }
}
