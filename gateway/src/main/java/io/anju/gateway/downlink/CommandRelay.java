package io.anju.gateway.downlink;

import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import io.anju.gateway.kafka.DownstreamSettings;
import io.anju.gateway.validate.AwaitedReplies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Takes commands from {@code anju.commands} (consumer group {@code anju-gateway-<nodeId>}), hands each to
 * {@link CommandDelivery} unless it expired, and reports every outcome to {@code anju.command-results}.
 * A command for a device that is offline is reported {@code held} and held ({@link HeldCommands}) until the device
 * is back and has subscribed to its command topic, then delivered in order, or reported {@code expired} when its TTL
 * passes first. Offsets are committed only after the outcome records are acknowledged and never past a command still
 * held, so a crash or restart re-delivers rather than loses a command (at-least-once; commands carry an id for
 * devices to deduplicate). Commands for one device are delivered in order; different devices are served concurrently.
 * Every command taken (valid and not expired) and every delivery attempt tells {@link AwaitedReplies}, so the device's
 * reply to it is passed on and a reply to anything else is quarantined.
 */
public final class CommandRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRelay.class);
    /** Upper bound on a delivery whose stage never completes (the MQTT side times out on its own first). */
    private static final Duration DELIVERY_GUARD = Duration.ofSeconds(60);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    /** How often every device with held commands is tried, in case its "ready" signal was missed. */
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(5);
    private static final String HELD_EXPIRED = "held while the device was offline";
    private static final String TOO_LARGE = "larger than the Maximum Packet Size the device announced";

    private final DownstreamSettings settings;
    private final CommandDelivery delivery;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final Thread thread;
    private final HoldLimits holdLimits;
    private final HeldCommands held;
    private final AwaitedReplies awaitedReplies;
    /** Devices that subscribed to their command topic since the relay last looked (any thread adds). */
    private final Queue<String> ready = new ConcurrentLinkedQueue<>();
    /** Per partition, the offset after the last record whose outcome is settled (reported or held). */
    private final Map<TopicPartition, Long> settled = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private long nextSweepMs;
    private volatile boolean running;

    /** @param awaitedReplies the replies awaited by the node's ingest (shared with it) */
    public CommandRelay(DownstreamSettings settings, CommandDelivery delivery, MeterRegistry meters, HoldLimits holdLimits,
                        AwaitedReplies awaitedReplies, Clock clock) {
        this.settings = settings;
        this.awaitedReplies = awaitedReplies;
        this.delivery = delivery;
        this.meters = meters;
        this.clock = clock;
        this.holdLimits = holdLimits;
        this.held = new HeldCommands(holdLimits);
        Gauge.builder("anju.gateway.commands.held", held, HeldCommands::size)
                .description("Commands held for offline devices until they reconnect").register(meters);
        this.consumer = new KafkaConsumer<>(consumerProperties(settings));
        this.producer = new KafkaProducer<>(producerProperties(settings));
        this.thread = new Thread(this::run, "anju-command-relay-" + settings.nodeId());
        this.thread.setDaemon(true);
    }

    /** The consumer group of this gateway node. */
    public static String groupId(String nodeId) {
        return "anju-gateway-" + nodeId;
    }

    public void start() {
        running = true;
        thread.start();
    }

    /** The device subscribed to its command topic: what is held for it can go now. Any thread. */
    public void deviceReady(String deviceId) {
        ready.add(deviceId);
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.COMMANDS));
            while (running) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    process(batch);
                }
                serveHeld();
                commit();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("command relay stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Delivers, holds and reports a whole poll; marks it settled when every report is in Kafka, else re-reads it. */
    private void process(ConsumerRecords<String, byte[]> batch) {
        Map<String, CompletableFuture<?>> perDevice = new HashMap<>();
        List<CompletableFuture<?>> reports = new ArrayList<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : batch) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            first.putIfAbsent(tp, r.offset());
            next.put(tp, r.offset() + 1);
            PendingCommand command = PendingCommand.parse(r.key(), r.value(), settings.commandTtl());
            String device = r.key() == null ? "" : r.key();
            CompletableFuture<?> previous = perDevice.getOrDefault(device, CompletableFuture.completedFuture(null));
            CompletableFuture<?> reported = previous.thenCompose(x -> handle(command, tp, r.offset()));
            perDevice.put(device, reported);
            reports.add(reported);
        }
        try {
            CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new)).get();
            settled.putAll(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } catch (Exception e) {
            LOG.warn("command outcomes not all written ({}); re-reading {} commands", e.toString(), batch.count());
            first.forEach(consumer::seek);
            sleep(RETRY_BACKOFF);
        }
    }

    /** Decides the outcome of one command and completes when its report is acknowledged by Kafka. */
    private CompletableFuture<Void> handle(PendingCommand command, TopicPartition tp, long offset) {
        if (!command.isValid()) {
            LOG.warn("invalid command for {}: {}", command.deviceId(), command.problem());
            return report(command, "invalid", command.problem());
        }
        if (command.isExpiredAt(clock.millis())) {
            return report(command, "expired", null);
        }
        // Awaited even when held here: the device may be connected to another node, which delivers it.
        awaitedReplies.await(command.deviceId(), command.id());
        HeldCommands.Held h = new HeldCommands.Held(command, tp, offset);
        if (held.holds(command.deviceId())) {
            // Older commands of this device wait for it: this one goes after them, never before.
            return holdOrReportOffline(h);
        }
        return attempt(command).thenCompose(outcome -> "offline".equals(outcome)
                ? holdOrReportOffline(h) : report(command, outcome, "too_large".equals(outcome) ? TOO_LARGE : null));
    }

    private CompletableFuture<Void> holdOrReportOffline(HeldCommands.Held h) {
        PendingCommand c = h.command();
        if (held.hold(h)) {
            return report(c, "held", "device offline; held until " + Instant.ofEpochMilli(c.ts() + c.ttlMs()));
        }
        return report(c, "offline", holdLimits.perDevice() == 0 ? null : "hold limit reached");
    }

    /**
     * One delivery attempt; its outcome's wire name. The reply is awaited (again) before the command goes out: a device
     * may answer before its PUBACK reaches the gateway.
     */
    private CompletableFuture<String> attempt(PendingCommand command) {
        awaitedReplies.await(command.deviceId(), command.id());
        return delivery.deliver(command.deviceId(), command.json()).toCompletableFuture()
                .orTimeout(DELIVERY_GUARD.toMillis(), TimeUnit.MILLISECONDS)
                .handle((outcome, error) -> error != null ? "timeout" : wireName(outcome));
    }

    /**
     * Reports held commands whose TTL passed, and delivers what is held for devices that are ready again: those that
     * just subscribed, and every few seconds all of them. Waits for the reports, so each held command is settled once.
     */
    private void serveHeld() {
        if (held.size() == 0) {
            ready.clear();
            return;
        }
        long now = clock.millis();
        List<CompletableFuture<?>> reports = new ArrayList<>();
        for (HeldCommands.Held h : held.expired(now)) {
            reports.add(report(h.command(), "expired", HELD_EXPIRED).thenRun(() -> held.release(h)));
        }
        Set<String> devices = new HashSet<>();
        for (String d = ready.poll(); d != null; d = ready.poll()) {
            devices.add(d);
        }
        if (now >= nextSweepMs) {
            devices.addAll(held.devices());
            nextSweepMs = now + SWEEP_EVERY.toMillis();
        }
        for (String d : devices) {
            if (held.holds(d) && delivery.ready(d)) {
                reports.add(flush(d));
            }
        }
        try {
            CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } catch (Exception e) {
            // What was not reported stays held and is tried again.
            LOG.warn("held commands not all settled ({}); trying again", e.toString());
        }
    }

    /** Delivers the device's held commands oldest first, until one finds it offline again. */
    private CompletableFuture<Void> flush(String deviceId) {
        HeldCommands.Held h = held.first(deviceId);
        if (h == null) {
            return CompletableFuture.completedFuture(null);
        }
        PendingCommand c = h.command();
        CompletableFuture<String> outcome = c.isExpiredAt(clock.millis())
                ? CompletableFuture.completedFuture("expired") : attempt(c);
        return outcome.thenCompose(o -> {
            if ("offline".equals(o)) {
                return CompletableFuture.completedFuture(null);
            }
            return report(c, o, "expired".equals(o) ? HELD_EXPIRED : "too_large".equals(o) ? TOO_LARGE : null)
                    .thenRun(() -> held.release(h))
                    .thenCompose(x -> flush(deviceId));
        });
    }

    /** Commits what is settled, but never past a command still held. */
    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        settled.forEach((tp, next) -> {
            long floor = held.commitFloor(tp, next);
            Long last = committed.get(tp);
            if (last == null || floor > last) {
                offsets.put(tp, new OffsetAndMetadata(floor));
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
        } catch (KafkaException e) {
            LOG.warn("committing command offsets failed ({}); trying again", e.toString());
        }
    }

    private static String wireName(DeliveryOutcome outcome) {
        return switch (outcome) {
            case DELIVERED -> "delivered";
            case OFFLINE -> "offline";
            case TIMEOUT -> "timeout";
            case UNKNOWN_DEVICE -> "unknown_device";
            case TOO_LARGE -> "too_large";
        };
    }

    private CompletableFuture<Void> report(PendingCommand command, String outcome, String detail) {
        count(outcome);
        DeliveryReport report = new DeliveryReport(DeliveryReport.KIND, command.id(), command.alertId(), command.action(),
                command.deviceId(), outcome, detail, settings.nodeId(), clock.millis());
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(Topics.COMMAND_RESULTS, command.deviceId(), Json.toBytes(report)), (md, e) -> {
                if (e == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("anju.gateway.commands")
                .description("Commands taken from anju.commands by delivery outcome").tag("outcome", o).register(meters)).increment();
    }

    private static Map<String, Object> consumerProperties(DownstreamSettings s) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(s.nodeId()));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId(s.nodeId()) + "-commands");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A node that never ran before still serves commands already waiting (old ones are reported expired).
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The stream jobs write commands in Kafka transactions: deliver only what they committed, never a
        // command of an aborted attempt that the restored job will write again.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    private static Map<String, Object> producerProperties(DownstreamSettings s) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, groupId(s.nodeId()) + "-command-results");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, s.deliveryTimeoutMs());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, s.deliveryTimeoutMs()));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling, lets the current batch finish, and closes the Kafka clients. */
    @Override
    public void close() {
        if (!thread.isAlive()) {
            running = false;
            if (thread.getState() == Thread.State.NEW) {
                consumer.close(Duration.ofSeconds(5));
            }
            producer.close(Duration.ofSeconds(5));
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
