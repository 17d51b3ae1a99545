package io.anju.gateway.downlink;

import io.anju.common.topic.Topics;
import io.anju.gateway.kafka.DownstreamSettings;
import io.anju.gateway.validate.AwaitedReplies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Takes commands from {@code anju.commands} (consumer group {@code anju-gateway-<nodeId>}), hands each to
 * {@link CommandDelivery} unless it expired, and reports every outcome to {@code anju.command-results}.
 * A command for a device that is offline is reported {@code held} and held ({@link HeldCommands}) until the device
 * is back and has subscribed to its command topic, then delivered in order, or reported {@code expired} when its TTL
 * passes first.
 * <p>
 * Each device has a queue of its own ({@link DeviceChains}): its commands, and the delivery of what is held for it, go
 * strictly in order, while a device that is slow to acknowledge (up to {@code commands.deliveryTimeout}) holds up no
 * other device. The poll loop never waits for a delivery, and no delivery waits for Kafka: reports are queued
 * ({@link OutcomeReports}) and what Kafka acknowledges is handed back to the poll loop. Offsets are
 * committed only up to the first command whose final report Kafka has not acknowledged, and never past a command still
 * held, so a crash or restart re-delivers rather than loses a command (at-least-once; commands carry an id for devices
 * to deduplicate). A report Kafka refuses is written again until it takes it ({@link OutcomeReports}). At most
 * {@value #MAX_IN_FLIGHT} commands are in flight (taken, not held, not settled): beyond that the loop stops reading.
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
    /** How long closing waits for the commands in flight to be settled; the rest are read again after a restart. */
    private static final long DRAIN_ON_CLOSE_SECONDS = 5;
    private static final Duration DRAIN_ON_CLOSE = Duration.ofSeconds(DRAIN_ON_CLOSE_SECONDS);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Commands taken and not yet settled, held ones aside: a stuck device or Kafka outage cannot grow memory more. */
    static final int MAX_IN_FLIGHT = 1_000;
    private static final int MAX_POLL_RECORDS = 200;
    private static final String HELD_EXPIRED = "held while the device was offline";
    private static final String TOO_LARGE = "larger than the Maximum Packet Size the device announced";
    private static final Runnable NOTHING = () -> { };
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final DownstreamSettings settings;
    private final CommandDelivery delivery;
    private final Clock clock;
    private final LongSupplier receiveClock;
    private final MeterRegistry meters;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final OutcomeReports reports;
    private final Thread thread;
    private final HoldLimits holdLimits;
    private final HeldCommands held;
    private final AwaitedReplies awaitedReplies;
    private final int maxInFlight;
    private final int maxPollRecords;
    private final DeviceChains chains = new DeviceChains();
    /** Devices that subscribed to their command topic since the relay last looked (any thread adds). */
    private final Queue<String> ready = new ConcurrentLinkedQueue<>();
    /** What the deliveries and reports settled, for the poll thread to apply (any thread adds). */
    private final BlockingQueue<Runnable> handedBack = new LinkedBlockingQueue<>();
    // The poll thread's own state:
    private final UnsettledOffsets unsettled = new UnsettledOffsets();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    /** Held commands whose expiry is queued to be reported, so that each is reported once. */
    private final Set<HeldCommands.Held> expiring = new HashSet<>();
    /** Devices with a delivery of their held commands queued, so that a busy device gets one at a time. */
    private final Set<String> flushing = new HashSet<>();
    private long nextSweepMs;
    private boolean readingPaused;
    private volatile int inFlight;
    private volatile boolean running;
    /** False once closed: what is still queued for a device is left to be read again after a restart. */
    private volatile boolean open = true;

    /** @param awaitedReplies the replies awaited by the node's ingest (shared with it) */
    public CommandRelay(DownstreamSettings settings, CommandDelivery delivery, MeterRegistry meters, HoldLimits holdLimits,
                        AwaitedReplies awaitedReplies, Clock clock) {
        this(settings, delivery, meters, holdLimits, awaitedReplies, clock, clock::millis);
    }

    /**
     * @param clock        the wall clock: TTLs and each report's {@code at}
     * @param receiveClock the node's receive clock (its envelopes' {@code receivedAt}): each report's
     *                     {@code receivedAt}
     */
    public CommandRelay(DownstreamSettings settings, CommandDelivery delivery, MeterRegistry meters, HoldLimits holdLimits,
                        AwaitedReplies awaitedReplies, Clock clock, LongSupplier receiveClock) {
        this(settings, delivery, meters, holdLimits, awaitedReplies, clock, receiveClock, MAX_IN_FLIGHT);
    }

    CommandRelay(DownstreamSettings settings, CommandDelivery delivery, MeterRegistry meters, HoldLimits holdLimits,
                 AwaitedReplies awaitedReplies, Clock clock, int maxInFlight) {
        this(settings, delivery, meters, holdLimits, awaitedReplies, clock, clock::millis, maxInFlight);
    }

    private CommandRelay(DownstreamSettings settings, CommandDelivery delivery, MeterRegistry meters,
                         HoldLimits holdLimits, AwaitedReplies awaitedReplies, Clock clock, LongSupplier receiveClock,
                         int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.settings = settings;
        this.awaitedReplies = awaitedReplies;
        this.delivery = delivery;
        this.meters = meters;
        this.clock = clock;
        this.receiveClock = receiveClock;
        this.holdLimits = holdLimits;
        this.maxInFlight = maxInFlight;
        this.maxPollRecords = Math.min(MAX_POLL_RECORDS, maxInFlight);
        this.held = new HeldCommands(holdLimits);
        Gauge.builder("anju.gateway.commands.held", held, HeldCommands::size)
                .description("Commands held for offline devices until they reconnect").register(meters);
        Gauge.builder("anju.gateway.commands.inflight", this, r -> r.inFlight)
                .description("Commands taken and not yet settled (delivered or failed and reported), held ones aside")
                .register(meters);
        this.consumer = new KafkaConsumer<>(consumerProperties(settings, maxPollRecords));
        this.producer = new KafkaProducer<>(producerProperties(settings));
        this.reports = new OutcomeReports(producer, RETRY_BACKOFF, "anju-command-reports-" + settings.nodeId());
        Gauge.builder("anju.gateway.commands.reports.retrying", reports, OutcomeReports::retrying)
                .description("Command reports Kafka refused, written again every second until it takes them").register(meters);
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
            consumer.subscribe(List.of(Topics.COMMANDS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // A rebalance forgets what was paused.
                    if (readingPaused) {
                        consumer.pause(partitions);
                    }
                }
            });
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                        take(r);
                    }
                    applyHandedBack();
                    serveHeld();
                    boundInFlight();
                    commit();
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                }
            }
            drain();
        } catch (RuntimeException e) {
            LOG.error("command relay stopped", e);
        } finally {
            open = false;
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Queues one command behind the earlier ones of its device. */
    private void take(ConsumerRecord<String, byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        if (!unsettled.read(tp, r.offset())) {
            return;
        }
        PendingCommand command = PendingCommand.parse(r.key(), r.value(), settings.commandTtl());
        enqueue(r.key() == null ? "" : r.key(), () -> handle(command, tp, r.offset()));
    }

    /** Runs {@code step} on the device's queue while the relay is open; a step that fails is logged. */
    private CompletableFuture<Void> enqueue(String deviceId, Supplier<CompletionStage<Void>> step) {
        CompletableFuture<Void> done = chains.append(deviceId, () -> open ? step.get() : DONE);
        done.whenComplete((x, e) -> {
            if (e != null) {
                LOG.error("command step for {} failed; its command is read again after a restart", deviceId, e);
            }
        });
        return done;
    }

    /** Decides the outcome of one command; completes once its report is queued. */
    private CompletableFuture<Void> handle(PendingCommand command, TopicPartition tp, long offset) {
        Runnable settled = settles(tp, offset);
        if (!command.isValid()) {
            LOG.warn("invalid command for {}: {}", command.deviceId(), command.problem());
            report(command, "invalid", command.problem(), settled);
            return DONE;
        }
        if (command.isExpiredAt(clock.millis())) {
            report(command, "expired", null, settled);
            return DONE;
        }
        // Awaited even when held here: the device may be connected to another node, which delivers it.
        awaitedReplies.await(command.deviceId(), command.id());
        HeldCommands.Held h = new HeldCommands.Held(command, tp, offset);
        if (held.holds(command.deviceId())) {
            // Older commands of this device wait for it: this one goes after them, never before.
            return holdOrReportOffline(h);
        }
        return attempt(command).thenCompose(outcome -> {
            if ("offline".equals(outcome)) {
                return holdOrReportOffline(h);
            }
            report(command, outcome, "too_large".equals(outcome) ? TOO_LARGE : null, settled);
            return DONE;
        });
    }

    private CompletableFuture<Void> holdOrReportOffline(HeldCommands.Held h) {
        PendingCommand c = h.command();
        if (held.hold(h)) {
            // Not settled: the command stays uncommitted until it is delivered or expires.
            report(c, "held", "device offline; held until " + Instant.ofEpochMilli(c.ts() + c.ttlMs()), NOTHING);
            return DONE;
        }
        report(c, "offline", holdLimits.perDevice() == 0 ? null : "hold limit reached", settles(h));
        return DONE;
    }

    /**
     * One delivery attempt; its outcome's wire name. The reply is awaited (again) before the command goes out: a device
     * may answer before its PUBACK reaches the gateway.
     */
    private CompletableFuture<String> attempt(PendingCommand command) {
        awaitedReplies.await(command.deviceId(), command.id());
        return DONE.thenCompose(x -> delivery.deliver(command.deviceId(), command.json()))
                .orTimeout(DELIVERY_GUARD.toMillis(), TimeUnit.MILLISECONDS)
                .handle((outcome, error) -> error != null ? "timeout" : wireName(outcome));
    }

    /**
     * Queues reports of held commands whose TTL passed, and deliveries of what is held for devices that are ready
     * again (those that just subscribed, and every few seconds all of them), each on its device's queue.
     */
    private void serveHeld() {
        if (held.size() == 0) {
            ready.clear();
            return;
        }
        long now = clock.millis();
        for (HeldCommands.Held h : held.expired(now)) {
            if (expiring.add(h)) {
                enqueue(h.command().deviceId(), () -> expire(h))
                        .whenComplete((x, e) -> handedBack.add(() -> expiring.remove(h)));
            }
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
            if (held.holds(d) && delivery.ready(d) && flushing.add(d)) {
                enqueue(d, () -> flush(d)).whenComplete((x, e) -> handedBack.add(() -> flushing.remove(d)));
            }
        }
    }

    /** Reports a held command expired, unless a delivery of the device's held commands settled it first. */
    private CompletableFuture<Void> expire(HeldCommands.Held h) {
        if (!held.of(h.command().deviceId()).contains(h)) {
            return DONE;
        }
        report(h.command(), "expired", HELD_EXPIRED, settles(h));
        held.release(h);
        return DONE;
    }

    /** Delivers the device's held commands oldest first, until one finds it offline again. */
    private CompletableFuture<Void> flush(String deviceId) {
        HeldCommands.Held h = held.first(deviceId);
        if (h == null || !open) {
            return DONE;
        }
        PendingCommand c = h.command();
        CompletableFuture<String> outcome = c.isExpiredAt(clock.millis())
                ? CompletableFuture.completedFuture("expired") : attempt(c);
        return outcome.thenCompose(o -> {
            if ("offline".equals(o)) {
                return DONE;
            }
            // Released once its final report is queued: its offset stays uncommitted until Kafka has the report.
            report(c, o, "expired".equals(o) ? HELD_EXPIRED : "too_large".equals(o) ? TOO_LARGE : null, settles(h));
            held.release(h);
            return flush(deviceId);
        });
    }

    /** Marks the command read at {@code offset} settled, on the poll thread, once its report is acknowledged. */
    private Runnable settles(TopicPartition tp, long offset) {
        return () -> handedBack.add(() -> unsettled.settle(tp, offset));
    }

    private Runnable settles(HeldCommands.Held h) {
        return settles(h.partition(), h.offset());
    }

    private void applyHandedBack() {
        for (Runnable r = handedBack.poll(); r != null; r = handedBack.poll()) {
            r.run();
        }
    }

    /** Stops reading while too many commands are in flight, so that a whole poll still fits; resumes below. */
    private void boundInFlight() {
        countInFlight();
        boolean full = inFlight + maxPollRecords > maxInFlight;
        if (full && !readingPaused) {
            LOG.warn("{} commands in flight ({} devices busy): reading {} paused", inFlight, chains.busy(),
                    Topics.COMMANDS);
            consumer.pause(consumer.assignment());
        } else if (!full && readingPaused) {
            LOG.info("{} commands in flight: reading {} resumed", inFlight, Topics.COMMANDS);
            consumer.resume(consumer.paused());
        }
        readingPaused = full;
    }

    private void countInFlight() {
        inFlight = Math.max(0, unsettled.size() - held.size());
    }

    /** Once closing: waits a little for the commands in flight to settle, and commits them. */
    private void drain() {
        long deadline = System.nanoTime() + DRAIN_ON_CLOSE.toNanos();
        try {
            applyHandedBack();
            countInFlight();
            while (inFlight > 0 && System.nanoTime() < deadline) {
                Runnable r = handedBack.poll(50, TimeUnit.MILLISECONDS);
                if (r != null) {
                    r.run();
                    applyHandedBack();
                }
                countInFlight();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commit();
        if (inFlight > 0) {
            LOG.warn("closing with {} commands in flight; they are read again after a restart", inFlight);
        }
    }

    /** Commits what is settled, but never past a command still held. */
    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        unsettled.committable().forEach((tp, next) -> {
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
            // Bounded: this thread also applies what the deliveries settle.
            consumer.commitSync(offsets, Duration.ofSeconds(5));
            offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
            // Closing: the wake-up was meant for a poll; commit again.
            commit();
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

    /** Queues the outcome's report (retried until Kafka has it); {@code onAcknowledged} runs once it is in Kafka. */
    private void report(PendingCommand command, String outcome, String detail, Runnable onAcknowledged) {
        count(outcome);
        DeliveryReport report = new DeliveryReport(DeliveryReport.KIND, command.id(), command.alertId(), command.action(),
                command.deviceId(), outcome, detail, settings.nodeId(), clock.millis(), receiveClock.getAsLong());
        reports.send(report, onAcknowledged);
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("anju.gateway.commands")
                .description("Commands taken from anju.commands by delivery outcome").tag("outcome", o).register(meters)).increment();
    }

    private static Map<String, Object> consumerProperties(DownstreamSettings s, int maxPollRecords) {
        Map<String, Object> p = s.kafka().clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(s.nodeId()));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId(s.nodeId()) + "-commands");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A node that never ran before still serves commands already waiting (old ones are reported expired).
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Today's writers (the jobs' at-least-once sink, the case service) use no transactions; a writer that does
        // must never have a command of an aborted attempt delivered.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    private static Map<String, Object> producerProperties(DownstreamSettings s) {
        Map<String, Object> p = s.kafka().clientProperties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, groupId(s.nodeId()) + "-command-results");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, s.deliveryTimeoutMs());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, s.deliveryTimeoutMs()));
        // A send waiting for Kafka's metadata gives up as late as one waiting for its acknowledgement (then retried).
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, s.deliveryTimeoutMs());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    /**
     * Stops polling, waits up to {@value #DRAIN_ON_CLOSE_SECONDS} s for the commands in flight to be settled and commits
     * them, and closes the Kafka clients.
     */
    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            consumer.wakeup();
            try {
                thread.join(DRAIN_ON_CLOSE.plusSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(5));
        }
        open = false;
        reports.close();
        producer.close(Duration.ofSeconds(5));
    }
}
