package io.anju.bench.e2e;

import io.anju.common.json.Json;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import io.anju.sim.payload.Payloads;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Registry chargers played by the measuring JVM, through the real gateway (Paho, QoS 1), to time device publish →
 * alert → case. Every {@value #TICK_MS} ms each probe charger publishes a telemetry of its first ports charging at
 * ~200 W; at a steady pace one charger's reading shows one port at 1.25 × its registry limit instead (over the
 * {@code redFactor} of 1.2: a red {@code port_overload} at once), and that charger's next reading shows the port back
 * under the limit (the clear). Overloads rotate over the chargers and their ports, so each is a new alert episode of
 * a dedup key whose case is opened the first time and updated (re-raised, cleared) after. Each reading's {@code ts}
 * is its publish time on this JVM's clock; the {@link ProbeLedger} matches the revisions to it.
 *
 * <p>A charger with more ports than the probe overloads also reports its next port, the <em>stop port</em>
 * ({@link Charger#stopPort()}), charging at ~200 W, and obeys {@code stop_port} and {@code resume_port} for it on its
 * command topic, answering each on {@code command/reply} as a simulated charger does: a stopped port reads 0 W from
 * the next reading on. The {@link StopProbe} stops it (through the case service, or by a fire risk) and times the
 * confirmation by these readings; the overload rotation never touches it. On {@link #smoke(String)} the charger's next reading shows smoke with the stop port the hottest ({@value #FIRE_C} °C): a
 * red {@code fire_risk} at once, whose automatic {@code stop_port} names that port. Payloads are the simulator's
 * ({@link Payloads}), topics the protocol's ({@link MqttTopics}).
 *
 * <p>The steady readings also keep every partition of the charger topic fresh (the chargers are picked to cover
 * them), so the jobs' lag gauges stay meaningful when the load has stopped: an idle source subtask's
 * {@code receiveLagMs} would otherwise grow with the wall clock.
 */
final class CaseProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaseProbe.class);
    static final long TICK_MS = 500;
    /** How far over its limit an overloaded port is: above the detector's red factor of 1.2. */
    static final double OVERLOAD_FACTOR = 1.25;
    static final int MAX_PROBE_PORTS = 3;
    static final double NORMAL_W = 199.3;
    static final double VOLTS = 48.6;
    static final double NORMAL_C = 35.0;
    /** The stop port's temperature in a smoke reading: over the fire detector's 65 °C line, so it is the hottest. */
    static final double FIRE_C = 70.0;

    /** A registry charger the probe plays. */
    record Charger(String deviceId, String secret, int portLimitW, int ports) {
        int probePorts() {
            return Math.min(MAX_PROBE_PORTS, ports);
        }

        /** The port the stop probe may stop, 0 when the charger has none to spare. */
        int stopPort() {
            return ports > MAX_PROBE_PORTS ? MAX_PROBE_PORTS + 1 : 0;
        }
    }

    /** What one charger sends at a tick: a port and what it does, or a plain reading ({@code kind} null). */
    record Step(int charger, int port, ProbeLedger.Kind kind) {
    }

    private final String mqttUri;
    private final List<Charger> chargers;
    private final ProbeLedger ledger;
    private final Schedule schedule;
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final long[] lastTs;
    /** Chargers whose stop port a {@code stop_port} stopped (and no {@code resume_port} resumed since). */
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    /** Chargers whose next reading shows smoke ({@link #smoke(String)}). */
    private final Set<String> smoking = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> stopArrivedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> resumeArrivedAt = new ConcurrentHashMap<>();
    private final List<Double> pubAckMs = new ArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-case-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean measuring;
    private long tick;
    private final AtomicLong seq = new AtomicLong();

    /** @param overloadEveryTicks one overload per this many ticks (2: one a second) */
    CaseProbe(String mqttUri, List<Charger> chargers, ProbeLedger ledger, int overloadEveryTicks) {
        if (chargers.size() < 2) {
            throw new IllegalArgumentException("the case probe needs at least 2 chargers (was " + chargers.size() + ")");
        }
        this.mqttUri = mqttUri;
        this.chargers = List.copyOf(chargers);
        this.ledger = ledger;
        this.schedule = new Schedule(chargers.stream().mapToInt(Charger::probePorts).toArray(), overloadEveryTicks);
        this.lastTs = new long[chargers.size()];
    }

    /** Connects every charger, then publishes every {@value #TICK_MS} ms. */
    void start() throws MqttException {
        for (Charger c : chargers) {
            MqttAsyncClient client = new MqttAsyncClient(mqttUri, c.deviceId(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName(c.deviceId());
            o.setPassword(c.secret().toCharArray());
            o.setCleanSession(true);
            o.setKeepAliveInterval(60);
            o.setAutomaticReconnect(true);
            o.setMaxInflight(1_000);
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            client.connect(o).waitForCompletion(30_000);
            if (c.stopPort() > 0) {
                client.subscribe(MqttTopics.command(DeviceType.CHARGER, c.deviceId()), 1,
                        (topic, m) -> onCommand(c, client, m.getPayload())).waitForCompletion(30_000);
            }
            clients.add(client);
        }
        timer.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * A command for {@code c}, obeyed and answered on {@code command/reply} as a simulated charger does: a stop or
     * resume of its stop port switches it ({@code ok}); anything else is rejected, the probe plays no other port.
     */
    private void onCommand(Charger c, MqttAsyncClient client, byte[] payload) {
        long arrivedAt = System.currentTimeMillis();
        Payloads.Command cmd;
        try {
            cmd = Json.fromBytes(payload, Payloads.Command.class);
        } catch (RuntimeException e) {
            LOG.debug("case probe: unreadable command for {}: {}", c.deviceId(), e.toString());
            return;
        }
        boolean ours = cmd.port() != null && cmd.port() == c.stopPort();
        String result = "rejected";
        if (ours && "stop_port".equals(cmd.action())) {
            stopped.add(c.deviceId());
            stopArrivedAt.put(c.deviceId(), arrivedAt);
            result = "ok";
        } else if (ours && "resume_port".equals(cmd.action())) {
            stopped.remove(c.deviceId());
            resumeArrivedAt.put(c.deviceId(), arrivedAt);
            result = "ok";
        }
        try {
            MqttMessage reply = new MqttMessage(Json.toBytes(new Payloads.CommandReply(cmd.id(),
                    System.currentTimeMillis(), seq.getAndIncrement(), result, "ok".equals(result)
                    ? "port " + cmd.port() + (stopped.contains(c.deviceId()) ? " stopped" : " resumed")
                    : "the bench probe plays port " + c.stopPort() + " only")));
            reply.setQos(1);
            client.publish(MqttTopics.commandReply(DeviceType.CHARGER, c.deviceId()), reply);
        } catch (MqttException e) {
            LOG.debug("case probe: reply of {} failed: {}", c.deviceId(), e.toString());
        }
    }

    /** When the charger's newest {@code stop_port} of its stop port arrived (this JVM's clock), -1 before any. */
    long stopArrivedAt(String deviceId) {
        return stopArrivedAt.getOrDefault(deviceId, -1L);
    }

    /** Since when the charger's stop port has been on (this JVM's clock): 0 when never stopped, -1 while stopped. */
    long stopPortOnSince(String deviceId) {
        return stopped.contains(deviceId) ? -1 : resumeArrivedAt.getOrDefault(deviceId, 0L);
    }

    /** The charger's next reading shows smoke and its stop port at {@value #FIRE_C} °C; the ones after do not. */
    void smoke(String deviceId) {
        smoking.add(deviceId);
    }

    /** Readings sent while on are the measured ones. */
    void measuring(boolean on) {
        measuring = on;
    }

    private void tick() {
        try {
            for (Step s : schedule.next(tick++)) {
                publish(s);
            }
        } catch (RuntimeException e) {
            LOG.warn("case probe tick failed: {}", e.toString());
        }
    }

    private void publish(Step s) {
        Charger c = chargers.get(s.charger());
        // ts = the publish time; +1 ms only when a late tick would repeat the previous reading's millisecond.
        long ts = Math.max(System.currentTimeMillis(), lastTs[s.charger()] + 1);
        lastTs[s.charger()] = ts;
        int overloadW = (int) Math.ceil(c.portLimitW() * OVERLOAD_FACTOR);
        byte[] payload = payload(ts, seq.getAndIncrement(), c.probePorts(), s.kind() == ProbeLedger.Kind.OVERLOAD ? s.port() : 0,
                overloadW, c.stopPort(), stopped.contains(c.deviceId()), smoking.remove(c.deviceId()));
        boolean measured = measuring;
        long sentNanos = System.nanoTime();
        try {
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            clients.get(s.charger()).publish(MqttTopics.telemetry(DeviceType.CHARGER, c.deviceId()), m, null,
                    new IMqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            if (measured) {
                                synchronized (pubAckMs) {
                                    pubAckMs.add((System.nanoTime() - sentNanos) / 1e6);
                                }
                            }
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable e) {
                            failures.incrementAndGet();
                        }
                    });
            published.incrementAndGet();
            if (s.kind() != null) {
                ledger.sent(new ProbeLedger.Reading(c.deviceId(), s.port(), ts), s.kind(), measured);
            }
        } catch (MqttException e) {
            failures.incrementAndGet();
            LOG.debug("case probe publish of {} failed: {}", c.deviceId(), e.toString());
        }
    }

    /**
     * A charger telemetry (device-protocol.md) with ports 1..{@code ports} charging at {@value #NORMAL_W} W, port
     * {@code overloadPort} (0: none) at {@code overloadW}, at a normal temperature: no other detector fires.
     */
    static byte[] payload(long ts, long seq, int ports, int overloadPort, int overloadW) {
        return payload(ts, seq, ports, overloadPort, overloadW, 0, false, false);
    }

    /**
     * The same, with the stop port ({@code stopPort}, 0: none) after them: charging, or idle at 0 W when stopped; with
     * {@code smoke} the station reports smoke and the stop port is the hottest, at {@value #FIRE_C} °C.
     */
    static byte[] payload(long ts, long seq, int ports, int overloadPort, int overloadW, int stopPort,
                          boolean stopped, boolean smoke) {
        List<Payloads.PortReading> readings = new ArrayList<>(ports + 1);
        for (int p = 1; p <= ports; p++) {
            readings.add(port(p, "charging", p == overloadPort ? overloadW : NORMAL_W, NORMAL_C, seq));
        }
        if (stopPort > 0) {
            readings.add(port(stopPort, stopped ? "idle" : "charging", stopped ? 0 : NORMAL_W,
                    smoke ? FIRE_C : NORMAL_C, seq));
        }
        return Json.toBytes(new Payloads.ChargerTelemetry(ts, seq, 228.4, 24.1, smoke, 3.2, readings));
    }

    private static Payloads.PortReading port(int no, String state, double w, double tempC, long seq) {
        return new Payloads.PortReading(no, state, VOLTS, Math.round(w / VOLTS * 100) / 100.0, w, 100 + seq % 500, tempC);
    }

    /** The probe's own PUBACK latency over the measured readings, ms (a device's view of QoS 1 under the load). */
    Distribution pubAck() {
        synchronized (pubAckMs) {
            return Distribution.of(pubAckMs.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    long published() {
        return published.get();
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (MqttAsyncClient c : clients) {
            try {
                if (c.isConnected()) {
                    c.disconnect(2_000).waitForCompletion(3_000);
                }
                c.close();
            } catch (MqttException e) {
                LOG.debug("case probe close: {}", e.toString());
            }
        }
    }

    /**
     * Which reading each charger sends at each tick. Every tick every charger sends one; every {@code everyTicks}
     * ticks the next (charger, port) in rotation — chargers first, then ports — sends an overload, and that charger's
     * next reading clears it. Not thread-safe: the probe's timer drives it.
     */
    static final class Schedule {
        private final int[] ports;
        private final int everyTicks;
        private final int[] toClear;
        private long overloads;

        Schedule(int[] portsPerCharger, int everyTicks) {
            if (everyTicks < 1) {
                throw new IllegalArgumentException("everyTicks must be ≥ 1 (was " + everyTicks + ")");
            }
            this.ports = portsPerCharger.clone();
            this.everyTicks = everyTicks;
            this.toClear = new int[ports.length];
        }

        List<Step> next(long tick) {
            List<Step> steps = new ArrayList<>(ports.length);
            for (int c = 0; c < ports.length; c++) {
                steps.add(toClear[c] > 0 ? new Step(c, toClear[c], ProbeLedger.Kind.CLEAR) : new Step(c, 0, null));
                toClear[c] = 0;
            }
            if (tick % everyTicks == 0) {
                int c = (int) (overloads % ports.length);
                if (steps.get(c).kind() == null) {
                    int port = 1 + (int) ((overloads / ports.length) % ports[c]);
                    steps.set(c, new Step(c, port, ProbeLedger.Kind.OVERLOAD));
                    toClear[c] = port;
                    overloads++;
                }
            }
            return steps;
        }
    }
}
