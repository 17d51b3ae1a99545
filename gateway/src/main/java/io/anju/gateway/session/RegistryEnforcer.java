package io.anju.gateway.session;

import io.anju.common.model.Device;
import io.anju.common.registry.Registry;
import io.anju.common.registry.live.PublishedRegistry;
import io.anju.common.registry.live.RegistryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Applies each new registry revision to the connections of this node: a device that was disabled or removed is
 * disconnected (and, being revoked, sends no Will); a device whose record changed otherwise (moved, a new installation)
 * keeps its connection and its next envelope carries the new record's place. A device whose type changed is
 * disconnected, to connect again as what it now is. New connections are checked against the registry in use by the
 * authenticator; a device that authenticated against the old revision while this one was being swapped in is caught
 * by a second sweep a second later.
 */
public final class RegistryEnforcer implements RegistryListener {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryEnforcer.class);
    private static final long SECOND_SWEEP_MS = 1_000;

    private final SessionRegistry sessions;
    private final Supplier<Registry> current;
    private final Counter revoked;

    public RegistryEnforcer(SessionRegistry sessions, Supplier<Registry> current, MeterRegistry meters) {
        this.sessions = sessions;
        this.current = current;
        this.revoked = Counter.builder("anju.gateway.registry.revoked")
                .description("Connections ended because the registry disabled or removed their device")
                .register(meters);
    }

    @Override
    public void changed(Registry before, Registry after, PublishedRegistry revision) {
        sweep(after, revision.revision());
        CompletableFuture.delayedExecutor(SECOND_SWEEP_MS, TimeUnit.MILLISECONDS)
                .execute(() -> sweep(current.get(), revision.revision()));
    }

    private void sweep(Registry registry, long revision) {
        for (DeviceSession session : sessions.all()) {
            Optional<Device> device = registry.device(session.deviceId());
            if (session.revoked()) {
                continue;
            }
            if (device.isEmpty() || !device.get().enabled() || device.get().type() != session.device().type()) {
                LOG.info("device {} {} by registry revision {}: disconnecting it", session.deviceId(),
                        device.isEmpty() ? "removed" : !device.get().enabled() ? "disabled" : "retyped", revision);
                session.revoke();
                revoked.increment();
            } else if (!device.get().equals(session.device())) {
                session.refresh(device.get());
            }
        }
    }
}
