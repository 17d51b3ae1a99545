package io.anju.gateway.downlink;

import io.anju.gateway.validate.AwaitedReplies;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the relay does for one device, as steps on the device's own queue ({@link DeviceChains}), so they go strictly
 * in order while a slow device holds up no other: deciding a new command's outcome (delivered, held, expired, ...),
 * delivering what is held once the device is back, and reporting a held command expired. Every step reports its
 * outcome ({@link CommandReports}) and marks the command settled once Kafka has the final report
 * ({@link CommandOffsets}). Every command taken and every delivery attempt tells {@link AwaitedReplies}, so the device's
 * reply to it is passed on.
 */
final class CommandSteps {
    private static final Logger LOG = LoggerFactory.getLogger(CommandSteps.class);
    /** Upper bound on a delivery whose stage never completes (the MQTT side times out on its own first). */
    private static final Duration DELIVERY_GUARD = Duration.ofSeconds(60);
    private static final String HELD_EXPIRED = "held while the device was offline";
    private static final String TOO_LARGE = "larger than the Maximum Packet Size the device announced";
    private static final Runnable NOTHING = () -> { };
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final CommandDelivery delivery;
    private final AwaitedReplies awaitedReplies;
    private final HeldCommands held;
    private final HoldLimits holdLimits;
    private final CommandReports reports;
    private final CommandOffsets offsets;
    private final Clock clock;
    private final DeviceChains chains = new DeviceChains();
    /** False once closed: what is still queued for a device is left to be read again after a restart. */
    private volatile boolean open = true;

    CommandSteps(CommandDelivery delivery, AwaitedReplies awaitedReplies, HeldCommands held, HoldLimits holdLimits,
                 CommandReports reports, CommandOffsets offsets, Clock clock) {
        this.delivery = delivery;
        this.awaitedReplies = awaitedReplies;
        this.held = held;
        this.holdLimits = holdLimits;
        this.reports = reports;
        this.offsets = offsets;
        this.clock = clock;
    }

    /** Queues the outcome of a command read at {@code offset} behind the earlier ones of its device ({@code key}). */
    void take(String key, PendingCommand command, TopicPartition tp, long offset) {
        enqueue(key, () -> handle(command, tp, offset));
    }

    /** Queues the report of a held command whose TTL passed; completes once it ran. */
    CompletableFuture<Void> expire(HeldCommands.Held h) {
        return enqueue(h.command().deviceId(), () -> expireNow(h));
    }

    /** Queues the delivery of what is held for a device that is back; completes once it ran. */
    CompletableFuture<Void> flush(String deviceId) {
        return enqueue(deviceId, () -> flushNow(deviceId));
    }

    /** Devices with a step queued or running. */
    int busy() {
        return chains.busy();
    }

    /** Runs no more steps: what they would have settled is read again after a restart. */
    void close() {
        open = false;
    }

    /** Runs {@code step} on the device's queue while open; a step that fails is logged. */
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
        Runnable settled = offsets.settles(tp, offset);
        if (!command.isValid()) {
            LOG.warn("invalid command for {}: {}", command.deviceId(), command.problem());
            reports.report(command, "invalid", command.problem(), settled);
            return DONE;
        }
        if (command.isExpiredAt(clock.millis())) {
            reports.report(command, "expired", null, settled);
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
            reports.report(command, outcome, "too_large".equals(outcome) ? TOO_LARGE : null, settled);
            return DONE;
        });
    }

    private CompletableFuture<Void> holdOrReportOffline(HeldCommands.Held h) {
        PendingCommand c = h.command();
        if (held.hold(h)) {
            // Not settled: the command stays uncommitted until it is delivered or expires.
            reports.report(c, "held", "device offline; held until " + Instant.ofEpochMilli(c.ts() + c.ttlMs()), NOTHING);
            return DONE;
        }
        reports.report(c, "offline", holdLimits.perDevice() == 0 ? null : "hold limit reached", offsets.settles(h));
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
                .handle((outcome, error) -> error != null ? "timeout" : CommandReports.wireName(outcome));
    }

    /** Reports a held command expired, unless a delivery of the device's held commands settled it first. */
    private CompletableFuture<Void> expireNow(HeldCommands.Held h) {
        if (!held.of(h.command().deviceId()).contains(h)) {
            return DONE;
        }
        reports.report(h.command(), "expired", HELD_EXPIRED, offsets.settles(h));
        held.release(h);
        return DONE;
    }

    /** Delivers the device's held commands oldest first, until one finds it offline again. */
    private CompletableFuture<Void> flushNow(String deviceId) {
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
            reports.report(c, o, "expired".equals(o) ? HELD_EXPIRED : "too_large".equals(o) ? TOO_LARGE : null,
                    offsets.settles(h));
            held.release(h);
            return flushNow(deviceId);
        });
    }
}
