package io.anju.sim.run;

import io.anju.common.model.DistrictTime;
import io.anju.sim.clock.Scenario;
import io.anju.sim.clock.SimClock;
import io.anju.sim.fault.ClockFault;
import io.anju.sim.firmware.DeviceFlaw;
import io.anju.sim.firmware.FirmwareFlaw;
import io.anju.sim.link.Backoff;
import io.anju.sim.link.ConnectSpec;
import io.anju.sim.link.MqttVersionChoice;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code sim run} needs, validated by the CLI. In-process callers (tests of other modules) build one with
 * {@link #builder(String, int)} and hand it to {@link SimulationFactory#create}.
 *
 * @param faults        {@code auto} (planned from the seed), {@code none}, or a path to a fault-plan JSON file
 * @param groundTruth   where to append injected faults (JSONL); null for none
 * @param planOut       where to write the fault plan used (JSON); null for none
 * @param durationMs    simulated time the auto fault plan spreads over (the run's length, or a day if open-ended)
 * @param clockFaults   devices whose clocks are wrong ({@link ClockFault}); none by default
 * @param flaws         devices whose firmware breaks the protocol ({@link FirmwareFlaw}); none by default
 * @param clockAnchorMs the anchor of a predictable clock ({@link SimClock#anchored}); null: the clock starts at
 *                      {@code startMs} once the fleet is online
 * @param backoffBaseMs the first reconnect window of the devices' back-off ({@link Backoff#DEFAULT_BASE_MS})
 * @param mqttVersions  MQTT version (3 or 5) of chosen devices, over {@code mqtt}'s choice; empty by default
 */
public record RunSettings(DeviceFilter filter, Scenario scenario, long seed, double speed, long startMs,
                          String faults, Path groundTruth, Path planOut, long durationMs, MqttVersionChoice mqtt,
                          LinkSettings link, List<ClockFault> clockFaults, List<DeviceFlaw> flaws, Long clockAnchorMs,
                          long backoffBaseMs, Map<String, Integer> mqttVersions) {

    public RunSettings {
        clockFaults = List.copyOf(clockFaults);
        flaws = List.copyOf(flaws);
        mqttVersions = Map.copyOf(mqttVersions);
        mqttVersions.forEach((id, v) -> {
            if (v != 3 && v != 5) {
                throw new IllegalArgumentException("MQTT version of " + id + " must be 3 or 5, was " + v);
            }
        });
        if (backoffBaseMs <= 0 || backoffBaseMs > Backoff.DEFAULT_CAP_MS) {
            throw new IllegalArgumentException("back-off base must be 1.." + Backoff.DEFAULT_CAP_MS + " ms, was "
                    + backoffBaseMs);
        }
    }

    /** A run with wrong clocks but correct firmware, the default clock, back-off and MQTT versions. */
    public RunSettings(DeviceFilter filter, Scenario scenario, long seed, double speed, long startMs, String faults,
                       Path groundTruth, Path planOut, long durationMs, MqttVersionChoice mqtt, LinkSettings link,
                       List<ClockFault> clockFaults) {
        this(filter, scenario, seed, speed, startMs, faults, groundTruth, planOut, durationMs, mqtt, link, clockFaults,
                List.of(), null, Backoff.DEFAULT_BASE_MS, Map.of());
    }

    /** A run in which every device's clock is right. */
    public RunSettings(DeviceFilter filter, Scenario scenario, long seed, double speed, long startMs, String faults,
                       Path groundTruth, Path planOut, long durationMs, MqttVersionChoice mqtt, LinkSettings link) {
        this(filter, scenario, seed, speed, startMs, faults, groundTruth, planOut, durationMs, mqtt, link, List.of());
    }

    /** The same run with these devices' clocks wrong. */
    public RunSettings withClockFaults(List<ClockFault> faults) {
        return new RunSettings(filter, scenario, seed, speed, startMs, this.faults, groundTruth, planOut, durationMs,
                mqtt, link, faults, flaws, clockAnchorMs, backoffBaseMs, mqttVersions);
    }

    /** The run's clock: anchored if {@link #clockAnchorMs} is set, else stopped at {@link #startMs} until started. */
    public SimClock clock() {
        return clockAnchorMs == null ? SimClock.stopped(startMs, speed) : SimClock.anchored(clockAnchorMs, speed);
    }

    /** The MQTT version of the {@code index}-th played device. */
    public int mqttVersion(String deviceId, int index) {
        return mqttVersions.getOrDefault(deviceId, mqtt.versionFor(index));
    }

    /**
     * Settings for an in-process run against the gateway at {@code host:port} (plain TCP, plain secrets): every
     * enabled device unless {@link Builder#devices} chooses, the evening scenario at 1×, seed 1, no planned faults,
     * MQTT 3/5 alternating, keep-alive 60 s, correct firmware. Start it with
     * {@code SimulationFactory.create(registry, secrets, settings, new SimStats())} and {@link Simulation#start()}.
     */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** Builds {@link RunSettings} for an in-process run; see {@link #builder(String, int)} for the defaults. */
    public static final class Builder {
        private static final long SEED = 1;
        private static final long DAY_MS = 24 * 3_600_000L;
        private final String host;
        private final int port;
        private final Set<String> ids = new LinkedHashSet<>();
        private Scenario scenario = Scenario.EVENING;
        private double speed = 1;
        private Long startMs;
        private Long clockAnchorMs;
        private MqttVersionChoice mqtt = MqttVersionChoice.MIXED;
        private final Map<String, Integer> mqttVersions = new LinkedHashMap<>();
        private long backoffBaseMs = Backoff.DEFAULT_BASE_MS;
        private final List<DeviceFlaw> flaws = new ArrayList<>();

        private Builder(String host, int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be 1..65535, was " + port);
            }
            this.host = host;
            this.port = port;
        }

        /** Plays only these registry devices (default: all enabled ones). */
        public Builder devices(String... deviceIds) {
            ids.addAll(List.of(deviceIds));
            return this;
        }

        public Builder scenario(Scenario value) {
            scenario = value;
            return this;
        }

        /** Simulated seconds per real second. */
        public Builder speed(double value) {
            speed = value;
            return this;
        }

        /** Simulated start (Unix ms); default the scenario's hour today. Not with {@link #clockAnchor}. */
        public Builder start(long epochMs) {
            startMs = epochMs;
            return this;
        }

        /** A predictable clock: {@code anchor + (wall now − anchor) × speed} ({@link SimClock#anchored}). */
        public Builder clockAnchor(long epochMs) {
            clockAnchorMs = epochMs;
            return this;
        }

        /** The MQTT version of devices not chosen with {@link #mqtt(String, int)}. */
        public Builder mqtt(MqttVersionChoice choice) {
            mqtt = choice;
            return this;
        }

        /** This device speaks MQTT {@code version} (3 or 5). */
        public Builder mqtt(String deviceId, int version) {
            mqttVersions.put(deviceId, version);
            return this;
        }

        /** The first reconnect window of the (correct) exponential back-off; default 1 s. */
        public Builder backoffBaseMs(long value) {
            backoffBaseMs = value;
            return this;
        }

        /** This device's firmware breaks the protocol as {@code flaw} says. */
        public Builder flaw(String deviceId, FirmwareFlaw flaw) {
            flaws.add(new DeviceFlaw(deviceId, flaw));
            return this;
        }

        public RunSettings build() {
            if (startMs != null && clockAnchorMs != null) {
                throw new IllegalArgumentException("give a start or a clock anchor, not both");
            }
            long start = clockAnchorMs != null ? SimClock.anchored(clockAnchorMs, speed).now()
                    : startMs != null ? startMs : scenario.defaultStartMs(LocalDate.now(DistrictTime.ZONE));
            DeviceFilter filter = ids.isEmpty() ? DeviceFilter.all()
                    : new DeviceFilter(Set.of(), Set.copyOf(ids), null, null, Integer.MAX_VALUE);
            LinkSettings link = new LinkSettings("tcp://" + host + ":" + port, null, false,
                    ConnectSpec.DEFAULT_KEEP_ALIVE_S, System::currentTimeMillis);
            return new RunSettings(filter, scenario, SEED, speed, start, "none", null, null, DAY_MS, mqtt, link,
                    List.of(), flaws, clockAnchorMs, backoffBaseMs, mqttVersions);
        }
    }
}
