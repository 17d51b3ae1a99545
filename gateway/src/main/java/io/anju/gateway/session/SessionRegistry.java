package io.anju.gateway.session;

import io.anju.gateway.downlink.CommandDelivery;
import io.anju.gateway.downlink.DeliveryOutcome;
import io.anju.gateway.ingest.Ingest;
import io.anju.gateway.protect.ReadGate;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The device sessions of this node, by device id. Delivers downlink commands ({@link CommandDelivery}) and applies
 * the log's backpressure to every device socket ({@link Ingest.BackpressureListener}); other node-wide reasons to stop
 * reading (low disk) use the same mechanism through {@link #listenerFor}.
 */
public final class SessionRegistry implements CommandDelivery, Ingest.BackpressureListener {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private final Duration deliveryTimeout;
    private final Map<String, DeviceSession> sessions = new ConcurrentHashMap<>();
    private final Map<Channel, ReadGate> gates = new ConcurrentHashMap<>();
    /** The node-wide reasons device sockets are not read now. */
    private final Set<ReadGate.Reason> pausedFor = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;
    private volatile Consumer<String> commandsReady = deviceId -> { };

    public SessionRegistry(Duration deliveryTimeout) {
        this.deliveryTimeout = deliveryTimeout;
    }

    /** Registers a new session; returns the session it took over (same device id), if any. */
    public Optional<DeviceSession> register(DeviceSession session) {
        return Optional.ofNullable(sessions.put(session.deviceId(), session));
    }

    /** Removes the session unless a newer one for the same device has replaced it. */
    public void unregister(DeviceSession session) {
        sessions.remove(session.deviceId(), session);
    }

    public Optional<DeviceSession> session(String deviceId) {
        return Optional.ofNullable(sessions.get(deviceId));
    }

    /** Every session now. */
    public Collection<DeviceSession> all() {
        return sessions.values();
    }

    public int size() {
        return sessions.size();
    }

    /** Who is told when a device subscribes to its command topic (the command relay, to send what it holds). */
    public void onCommandsReady(Consumer<String> listener) {
        this.commandsReady = listener;
    }

    /** The device of {@code session} subscribed to its command topic. */
    public void commandsSubscribed(DeviceSession session) {
        session.markCommandsSubscribed();
        commandsReady.accept(session.deviceId());
    }

    @Override
    public boolean ready(String deviceId) {
        DeviceSession s = sessions.get(deviceId);
        return s != null && s.channel().isActive() && s.commandsSubscribed();
    }

    @Override
    public CompletionStage<DeliveryOutcome> deliver(String deviceId, byte[] commandJson) {
        DeviceSession s = sessions.get(deviceId);
        if (s == null || !s.channel().isActive()) {
            return CompletableFuture.completedFuture(DeliveryOutcome.OFFLINE);
        }
        return s.sendCommand(commandJson, deliveryTimeout);
    }

    /** Tracks a device socket for backpressure; a socket opened while paused starts paused. Call on its event loop. */
    public void track(Channel channel, ReadGate gate) {
        gates.put(channel, gate);
        pausedFor.forEach(gate::pause);
    }

    public void untrack(Channel channel) {
        gates.remove(channel);
    }

    /** True once {@link #disconnectAll} ran: connections ending now are the gateway's doing, not the devices'. */
    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /** True while the log's backpressure keeps device sockets from being read. */
    public boolean isBackpressured() {
        return pausedFor.contains(ReadGate.Reason.BACKPRESSURE);
    }

    /** True while any node-wide reason (backpressure, low disk) keeps device sockets from being read. */
    public boolean readsPaused() {
        return !pausedFor.isEmpty();
    }

    @Override
    public void paused() {
        pause(ReadGate.Reason.BACKPRESSURE);
    }

    @Override
    public void resumed() {
        resume(ReadGate.Reason.BACKPRESSURE);
    }

    /** A listener that stops reading every device socket for {@code reason} and starts again (each reason on its own). */
    public Ingest.BackpressureListener listenerFor(ReadGate.Reason reason) {
        return new Ingest.BackpressureListener() {
            @Override
            public void paused() {
                pause(reason);
            }

            @Override
            public void resumed() {
                resume(reason);
            }
        };
    }

    private void pause(ReadGate.Reason reason) {
        if (pausedFor.add(reason)) {
            LOG.warn("pausing reads on {} device sockets ({})", gates.size(), reason);
        }
        apply(reason, true);
    }

    private void resume(ReadGate.Reason reason) {
        if (pausedFor.remove(reason)) {
            LOG.info("resuming reads on {} device sockets ({} cleared)", gates.size(), reason);
        }
        apply(reason, false);
    }

    private void apply(ReadGate.Reason reason, boolean pause) {
        gates.forEach((channel, gate) -> channel.eventLoop().execute(() -> {
            // re-check: a later resume/pause for the same reason may have overtaken this task
            if (pause == pausedFor.contains(reason)) {
                if (pause) {
                    gate.pause(reason);
                } else {
                    gate.resume(reason);
                }
            }
        }));
    }

    /** Closes every session, sending DISCONNECT {@code reason} on MQTT 5 (graceful shutdown). */
    public List<Channel> disconnectAll(byte reason) {
        shuttingDown = true;
        List<Channel> closing = new ArrayList<>();
        for (DeviceSession s : sessions.values()) {
            s.disconnect(reason);
            closing.add(s.channel());
        }
        return closing;
    }
}
