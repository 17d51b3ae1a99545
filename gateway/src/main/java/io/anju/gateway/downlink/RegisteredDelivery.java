package io.anju.gateway.downlink;

import io.anju.common.registry.Registry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Delivery to the devices of the registry only: a device missing from it can never connect, so its commands are
 * reported {@link DeliveryOutcome#UNKNOWN_DEVICE}, not merely offline.
 */
public final class RegisteredDelivery implements CommandDelivery {
    private final Supplier<Registry> registry;
    private final CommandDelivery connected;

    /** @param registry the registry in use now (it changes while the gateway runs) */
    public RegisteredDelivery(Supplier<Registry> registry, CommandDelivery connected) {
        this.registry = registry;
        this.connected = connected;
    }

    @Override
    public CompletionStage<DeliveryOutcome> deliver(String deviceId, byte[] json) {
        return registry.get().device(deviceId).isPresent()
                ? connected.deliver(deviceId, json)
                : CompletableFuture.completedFuture(DeliveryOutcome.UNKNOWN_DEVICE);
    }

    @Override
    public boolean ready(String deviceId) {
        return connected.ready(deviceId);
    }
}
