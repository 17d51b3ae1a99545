package io.anju.gateway.downlink;

import io.anju.common.topic.Topics;
import io.anju.gateway.kafka.DownstreamSettings;
import io.anju.gateway.validate.AwaitedReplies;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Takes commands from {@code anju.commands} (consumer group {@code anju-gateway-<nodeId>}), hands each to
 * {@link CommandDelivery} unless it expired, and reports every outcome to {@code anju.command-results}.
 * A command for a device that is offline is reported {@code held} and held ({@link HeldCommands}) until the device
 * is back and has subscribed to its command topic, then delivered in order, or reported {@code expired} when its TTL
 * passes first ({@link HeldScheduler}).
 * <p>
 * Each device has a queue of its own ({@link CommandSteps}): its commands, and the delivery of what is held for it, go
 * strictly in order, while a device that is slow to acknowledge (up to {@code commands.deliveryTimeout}) holds up no
 * other device. The poll loop never waits for a delivery, and no delivery waits for Kafka: reports are queued
 * ({@link CommandReports}) and what Kafka acknowledges is handed back to the poll loop ({@link HandedBack}). Offsets
 * are committed only up to the first command whose final report Kafka has not acknowledged, and never past a command
 * still held ({@link CommandOffsets}), so a crash or restart re-delivers rather than loses a command (at-least-once;
 * commands carry an id for devices to deduplicate). At most {@value #MAX_IN_FLIGHT} commands are in flight (taken,
 * not held, not settled): beyond that the loop stops reading.
 */
public final class CommandRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRelay.class);
    /** How long closing waits for the commands in flight to be settled; the rest are read again after a restart. */
    private static final long DRAIN_ON_CLOSE_SECONDS = 5;
    private static final Duration DRAIN_ON_CLOSE = Duration.ofSeconds(DRAIN_ON_CLOSE_SECONDS);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Commands taken and not yet settled, held ones aside: a stuck device or Kafka outage cannot grow memory more. */
    static final int MAX_IN_FLIGHT = 1_000;
    private static final int MAX_POLL_RECORDS = 200;

    private final DownstreamSettings settings;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final CommandReports reports;
    private final Thread thread;
    private final int maxInFlight;
    private final int maxPollRecords;
    private final HandedBack handedBack = new HandedBack();
    private final CommandOffsets offsets;
    private final CommandSteps steps;
    private final HeldScheduler heldScheduler;
    private boolean readingPaused;
    private volatile int inFlight;
    private volatile boolean running;

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
        this.maxInFlight = maxInFlight;
        this.maxPollRecords = Math.min(MAX_POLL_RECORDS, maxInFlight);
        HeldCommands held = new HeldCommands(holdLimits);
        Gauge.builder("anju.gateway.commands.held", held, HeldCommands::size)
                .description("Commands held for offline devices until they reconnect").register(meters);
        Gauge.builder("anju.gateway.commands.inflight", this, r -> r.inFlight)
                .description("Commands taken and not yet settled (delivered or failed and reported), held ones aside")
                .register(meters);
        this.consumer = new KafkaConsumer<>(CommandClients.consumerProperties(settings, maxPollRecords));
        this.producer = new KafkaProducer<>(CommandClients.producerProperties(settings));
        this.reports = new CommandReports(settings.nodeId(), producer, meters, clock, receiveClock);
        this.offsets = new CommandOffsets(held, handedBack);
        this.steps = new CommandSteps(delivery, awaitedReplies, held, holdLimits, reports, offsets, clock);
        this.heldScheduler = new HeldScheduler(held, delivery, steps, handedBack, clock);
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
        heldScheduler.deviceReady(deviceId);
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
                    handedBack.apply();
                    heldScheduler.serve();
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
            steps.close();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Queues one command behind the earlier ones of its device. */
    private void take(ConsumerRecord<String, byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        if (!offsets.read(tp, r.offset())) {
            return;
        }
        PendingCommand command = PendingCommand.parse(r.key(), r.value(), settings.commandTtl());
        steps.take(r.key() == null ? "" : r.key(), command, tp, r.offset());
    }

    /** Stops reading while too many commands are in flight, so that a whole poll still fits; resumes below. */
    private void boundInFlight() {
        inFlight = offsets.inFlight();
        boolean full = inFlight + maxPollRecords > maxInFlight;
        if (full && !readingPaused) {
            LOG.warn("{} commands in flight ({} devices busy): reading {} paused", inFlight, steps.busy(),
                    Topics.COMMANDS);
            consumer.pause(consumer.assignment());
        } else if (!full && readingPaused) {
            LOG.info("{} commands in flight: reading {} resumed", inFlight, Topics.COMMANDS);
            consumer.resume(consumer.paused());
        }
        readingPaused = full;
    }

    /** Once closing: waits a little for the commands in flight to settle, and commits them. */
    private void drain() {
        long deadline = System.nanoTime() + DRAIN_ON_CLOSE.toNanos();
        try {
            handedBack.apply();
            inFlight = offsets.inFlight();
            while (inFlight > 0 && System.nanoTime() < deadline) {
                handedBack.awaitAndApply(50);
                inFlight = offsets.inFlight();
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
        Map<TopicPartition, OffsetAndMetadata> settled = offsets.toCommit();
        if (settled.isEmpty()) {
            return;
        }
        try {
            // Bounded: this thread also applies what the deliveries settle.
            consumer.commitSync(settled, Duration.ofSeconds(5));
            offsets.committed(settled);
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
        steps.close();
        reports.close();
        producer.close(Duration.ofSeconds(5));
    }
}
