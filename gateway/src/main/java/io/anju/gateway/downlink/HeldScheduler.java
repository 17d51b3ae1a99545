package io.anju.gateway.downlink;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Decides, on the relay's poll thread, when held commands move: a held command whose TTL passed is reported expired,
 * and what is held for a device goes once the device is ready again (it just subscribed to its command topic, or, in
 * case that signal was missed, at a sweep every few seconds). Each is queued as a step on the device's queue
 * ({@link CommandSteps}), one at a time per command or device.
 */
final class HeldScheduler {
    /** How often every device with held commands is tried, in case its "ready" signal was missed. */
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(5);

    private final HeldCommands held;
    private final CommandDelivery delivery;
    private final CommandSteps steps;
    private final HandedBack handedBack;
    private final Clock clock;
    /** Devices that subscribed to their command topic since the relay last looked (any thread adds). */
    private final Queue<String> ready = new ConcurrentLinkedQueue<>();
    // The poll thread's own state:
    /** Held commands whose expiry is queued to be reported, so that each is reported once. */
    private final Set<HeldCommands.Held> expiring = new HashSet<>();
    /** Devices with a delivery of their held commands queued, so that a busy device gets one at a time. */
    private final Set<String> flushing = new HashSet<>();
    private long nextSweepMs;

    HeldScheduler(HeldCommands held, CommandDelivery delivery, CommandSteps steps, HandedBack handedBack, Clock clock) {
        this.held = held;
        this.delivery = delivery;
        this.steps = steps;
        this.handedBack = handedBack;
        this.clock = clock;
    }

    /** The device subscribed to its command topic: what is held for it can go now. Any thread. */
    void deviceReady(String deviceId) {
        ready.add(deviceId);
    }

    /** Queues the reports of held commands whose TTL passed, and the deliveries for devices that are ready again. */
    void serve() {
        if (held.size() == 0) {
            ready.clear();
            return;
        }
        long now = clock.millis();
        for (HeldCommands.Held h : held.expired(now)) {
            if (expiring.add(h)) {
                steps.expire(h).whenComplete((x, e) -> handedBack.add(() -> expiring.remove(h)));
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
                steps.flush(d).whenComplete((x, e) -> handedBack.add(() -> flushing.remove(d)));
            }
        }
    }
}
