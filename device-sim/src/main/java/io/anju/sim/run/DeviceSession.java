package io.anju.sim.run;

import io.anju.common.auth.DeviceToken;
import io.anju.common.topic.MqttTopics;
import io.anju.sim.fault.ClockFault;
import io.anju.sim.behaviour.DeviceBehaviour;
import io.anju.sim.clock.SimClock;
import io.anju.sim.link.Backoff;
import io.anju.sim.link.ConnectSpec;
import io.anju.sim.link.DeviceLink;
import io.anju.sim.link.LinkException;
import io.anju.sim.payload.Outgoing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One simulated device on the wire: its behaviour model, its MQTT link, and the reconnect loop (exponential
 * back-off with full jitter, capped at 2 minutes). Commands from the gateway are answered at once; everything that
 * touches the model holds its lock, because the tick thread and the client threads both reach it.
 */
public final class DeviceSession {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);

    enum State { DISCONNECTED, CONNECTING, CONNECTED, FAULT_OFFLINE, CLOSED }

    private final DeviceBehaviour behaviour;
    private final DeviceLink link;
    private final String secret;
    private final LinkSettings settings;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final SimClock clock;
    private final SimStats stats;
    /** This device's wrong clock, or null when it is right. */
    private final ClockFault clockFault;
    private volatile State state = State.DISCONNECTED;
    private int attempt;
    /** The time of the last token signed (connects of one device never overlap). */
    private long lastTokenMs;

    public DeviceSession(DeviceBehaviour behaviour, DeviceLink link, String secret, LinkSettings settings,
                         Backoff backoff, ScheduledExecutorService scheduler, SimClock clock, SimStats stats,
                         ClockFault clockFault) {
        this.clockFault = clockFault;
        this.behaviour = behaviour;
        this.link = link;
        this.secret = secret;
        this.settings = settings;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.clock = clock;
        this.stats = stats;
        link.onConnectionLost(this::connectionLost);
    }

    public String deviceId() {
        return behaviour.id();
    }

    public int protocolVersion() {
        return link.protocolVersion();
    }

    /** First connection after a random share of the first back-off window, so a fleet does not connect at once. */
    public void start() {
        scheduleConnect(backoff.delayMs(0));
    }

    /** Lets the model catch up with {@code simNow} silently, before the first tick (see {@link DeviceBehaviour#skipTo}). */
    public void skipTo(long simNow) {
        synchronized (behaviour) {
            behaviour.skipTo(simNow);
        }
    }

    /** Called by the tick thread: advance the model, honour an injected outage, publish what is due. */
    public void tick(long simNow) {
        List<Outgoing> due;
        boolean offline;
        synchronized (behaviour) {
            due = behaviour.advanceTo(simNow);
            offline = behaviour.offlineAt(simNow);
        }
        if (offline && state != State.FAULT_OFFLINE && state != State.CLOSED) {
            LOG.info("{}: injected outage, dropping the connection without DISCONNECT", deviceId());
            boolean wasConnected = state == State.CONNECTED;
            state = State.FAULT_OFFLINE;
            link.drop();
            if (wasConnected) {
                stats.connected.decrementAndGet();
            }
        } else if (!offline && state == State.FAULT_OFFLINE) {
            state = State.DISCONNECTED;
            attempt = 0;
            scheduleConnect(backoff.delayMs(0));
        }
        publish(due);
    }

    private void scheduleConnect(long delayMs) {
        scheduler.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
    }

    private void connect() {
        if (state != State.DISCONNECTED) {
            return;
        }
        state = State.CONNECTING;
        byte[] will;
        long willSeq;
        synchronized (behaviour) {
            willSeq = behaviour.peekSeq();
            will = stamped(behaviour.willPayload(clock.now()));
        }
        String id = deviceId();
        ConnectSpec spec = new ConnectSpec(settings.serverUri(), id, password(id),
                settings.keepAliveS(), MqttTopics.status(behaviour.device().type(), id), will, settings.tls(),
                ConnectSpec.DEFAULT_CONNECT_TIMEOUT_S);
        try {
            link.connect(spec);
            link.subscribe(MqttTopics.command(behaviour.device().type(), id), (topic, payload) -> onCommand(payload));
        } catch (LinkException | RuntimeException e) {
            // A scheduled task that throws is silently dropped, so every failure must lead to a retry here.
            stats.connectFailures.increment();
            link.drop();
            retryLater(e.getMessage());
            return;
        }
        synchronized (this) {
            if (state == State.CLOSED) {
                link.close(); // closed while connecting: a DISCONNECT, so the gateway discards the Will
                return;
            }
            if (state != State.CONNECTING) {
                link.drop();
                return;
            }
            state = State.CONNECTED;
        }
        attempt = 0;
        stats.connected.incrementAndGet();
        synchronized (behaviour) {
            behaviour.reserveSeq(willSeq);
            publish(List.of(behaviour.onlineStatus(clock.now())));
        }
    }

    /**
     * The CONNECT password: the secret, or a token signed for this CONNECT alone. The gateway takes a token once, so
     * each carries a later millisecond than the one before, even for reconnects within a millisecond.
     */
    private String password(String id) {
        if (!settings.tokenAuth()) {
            return secret;
        }
        lastTokenMs = Math.max(settings.wallClock().getAsLong(), lastTokenMs + 1);
        return DeviceToken.create(id, secret, lastTokenMs);
    }

    private void retryLater(String why) {
        if (state == State.CLOSED || state == State.FAULT_OFFLINE) {
            return;
        }
        state = State.DISCONNECTED;
        attempt++;
        long delay = backoff.delayMs(attempt);
        if (attempt == 1) {
            LOG.warn("{}: {}; reconnecting in {} ms", deviceId(), why, delay);
        } else {
            LOG.debug("{}: {}; reconnecting in {} ms (attempt {})", deviceId(), why, delay, attempt);
        }
        scheduleConnect(delay);
    }

    private void connectionLost(Throwable cause) {
        if (state != State.CONNECTED) {
            return;
        }
        stats.connected.decrementAndGet();
        LOG.info("{}: connection lost: {}", deviceId(), cause == null ? "closed" : cause.getMessage());
        scheduler.execute(() -> {
            link.drop();
            retryLater("connection lost");
        });
    }

    private void onCommand(byte[] payload) {
        stats.commands.increment();
        List<Outgoing> replies;
        synchronized (behaviour) {
            replies = behaviour.handleCommand(payload, clock.now());
        }
        publish(replies);
    }

    private void publish(List<Outgoing> messages) {
        for (Outgoing m : messages) {
            if (state != State.CONNECTED) {
                stats.droppedWhileDisconnected.increment();
                continue;
            }
            try {
                link.publish(m.topic(), stamped(m.payload()), m.qos(), error -> {
                    if (error == null) {
                        stats.acknowledged.increment();
                    } else {
                        stats.errors.increment();
                    }
                });
                stats.published.increment();
            } catch (LinkException e) {
                stats.errors.increment();
                LOG.debug("{}: publish failed: {}", deviceId(), e.getMessage());
            }
        }
    }

    /** The payload as this device's clock stamps it. */
    private byte[] stamped(byte[] payload) {
        return clockFault == null ? payload : clockFault.stamp(payload);
    }

    /**
     * Clean shutdown: DISCONNECT, so the gateway discards the Will. A session still connecting is closed by its connect
     * once that returns: closed now, the link could not yet send a DISCONNECT, and the gateway would fire the Will.
     */
    public void close() {
        State previous;
        synchronized (this) {
            previous = state;
            state = State.CLOSED;
        }
        if (previous == State.CONNECTED) {
            stats.connected.decrementAndGet();
        }
        if (previous != State.CONNECTING) {
            link.close();
        }
    }
}
