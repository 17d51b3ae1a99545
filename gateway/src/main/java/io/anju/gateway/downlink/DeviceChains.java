package io.anju.gateway.downlink;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One queue of steps per device: a device's steps run one after another in the order they were added, whatever the
 * outcome of the one before; the steps of different devices never wait for each other. A device's queue is a
 * {@link CompletableFuture} tail, forgotten once its last step is done. Steps are added from one thread; a step runs on
 * the thread that completed the step before it (at once, on the adding thread, when the device's queue is empty).
 */
final class DeviceChains {
    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /** Runs {@code step} after the device's earlier steps; the result completes when the step's stage does. */
    CompletableFuture<Void> append(String deviceId, Supplier<? extends CompletionStage<Void>> step) {
        CompletableFuture<Void> previous = tails.getOrDefault(deviceId, IDLE);
        CompletableFuture<Void> tail = previous.handle((x, e) -> null).thenCompose(x -> step.get());
        tails.put(deviceId, tail);
        // Only this very tail is removed: a step added meanwhile has put its own.
        tail.whenComplete((x, e) -> tails.remove(deviceId, tail));
        return tail;
    }

    /** Devices with a step queued or running. */
    int busy() {
        return tails.size();
    }
}
