package io.anju.sim.run;

import io.anju.sim.clock.SimClock;
import io.anju.sim.link.ConnectSpec;
import io.anju.sim.truth.GroundTruth;
import io.anju.sim.truth.GroundTruthWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drives all device sessions from one tick thread: every tick reads the simulated clock, records faults that have
 * started in the ground truth, and lets each device advance and publish.
 */
public final class Simulation implements AutoCloseable {
    public static final long TICK_MS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);
    /** A connect waits at most its timeout + 5 s for the CONNACK, then 10 s for the SUBACK. */
    private static final Duration CONNECTS_FINISH_WITHIN = Duration.ofSeconds(ConnectSpec.DEFAULT_CONNECT_TIMEOUT_S + 15);

    private final SimClock clock;
    private final List<DeviceSession> sessions;
    private final FaultInjector injector;
    private final GroundTruthWriter groundTruth;
    private final SimStats stats;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-tick");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledExecutorService connectScheduler;
    /** How long {@link #start()} waits for the fleet to come online before simulated time starts anyway. */
    static final java.time.Duration CONNECT_GRACE = java.time.Duration.ofSeconds(30);

    /**
     * @param groundTruth      may be null when no ground-truth file is wanted
     * @param connectScheduler the sessions' connect/reconnect scheduler; shut down on close
     */
    public Simulation(SimClock clock, List<DeviceSession> sessions, FaultInjector injector,
                      GroundTruthWriter groundTruth, SimStats stats, ScheduledExecutorService connectScheduler) {
        this.connectScheduler = connectScheduler;
        this.clock = clock;
        this.sessions = List.copyOf(sessions);
        this.injector = injector;
        this.groundTruth = groundTruth;
        this.stats = stats;
    }

    /**
     * Connects every device, then lets simulated time run: a scenario starts with its fleet online, so the faults
     * planned for its first minutes are not lost on devices still connecting (at 120× a second of connecting is two
     * simulated minutes). Waits at most {@link #CONNECT_GRACE}; devices that are not online by then join later. With an
     * anchored clock, which runs all along, the devices start from the time the fleet is online and send nothing
     * for the time before.
     */
    public void start() {
        sessions.forEach(DeviceSession::start);
        long deadline = System.nanoTime() + CONNECT_GRACE.toNanos();
        while (stats.connected.get() < sessions.size() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (stats.connected.get() < sessions.size()) {
            LOG.warn("{} of {} devices online after {} s; the scenario starts without the others",
                    stats.connected.get(), sessions.size(), CONNECT_GRACE.toSeconds());
        }
        clock.start();
        // A clock that was already running (anchored) moved on while the fleet connected: the devices were off then.
        long now = clock.now();
        sessions.forEach(s -> s.skipTo(now));
        ticker.scheduleWithFixedDelay(this::tickSafely, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    public SimClock clock() {
        return clock;
    }

    public int deviceCount() {
        return sessions.size();
    }

    private void tickSafely() {
        try {
            tick(clock.now());
        } catch (RuntimeException e) {
            LOG.error("simulation tick failed", e);
        }
    }

    void tick(long simNow) {
        for (GroundTruth g : injector.startedBy(simNow)) {
            stats.faultsInjected.increment();
            LOG.info("injecting {} on {}{}", g.fault(), g.deviceId(), g.port() == null ? "" : " port " + g.port());
            if (groundTruth != null) {
                groundTruth.append(g);
            }
        }
        for (DeviceSession s : sessions) {
            s.tick(simNow);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Sessions first, then the connects in progress may finish: each closes its own link with a DISCONNECT.
        sessions.parallelStream().forEach(DeviceSession::close);
        connectScheduler.shutdown();
        try {
            if (!connectScheduler.awaitTermination(CONNECTS_FINISH_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                connectScheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            connectScheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (groundTruth != null) {
            try {
                groundTruth.close();
            } catch (IOException e) {
                LOG.warn("closing the ground-truth file failed: {}", e.getMessage());
            }
        }
    }

    /** Faults of the plan not yet started. */
    public int faultsPending() {
        return injector.remaining();
    }
}
