package io.anju.sim.run;

import io.anju.common.model.Device;
import io.anju.common.registry.Registry;
import io.anju.sim.fault.ClockFault;
import io.anju.sim.behaviour.Behaviours;
import io.anju.sim.behaviour.DeviceBehaviour;
import io.anju.sim.behaviour.Draws;
import io.anju.sim.clock.SimClock;
import io.anju.sim.fault.FaultPlan;
import io.anju.sim.fault.FaultPlanner;
import io.anju.sim.firmware.Flaws;
import io.anju.sim.link.Backoff;
import io.anju.sim.link.DeviceLink;
import io.anju.sim.link.Paho3Link;
import io.anju.sim.link.Paho5Link;
import io.anju.sim.truth.ExpectedCrowdWarnings;
import io.anju.sim.truth.GroundTruthWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Wires a {@link Simulation} from the registry, the device secrets and the run settings. The entry point for
 * in-process callers too: {@code create(registry, secrets, RunSettings.builder(host, port)…build(), new SimStats())},
 * then {@link Simulation#start()} and, when done, {@link Simulation#close()}.
 */
public final class SimulationFactory {
    /** Threads that run (blocking) connect attempts and reconnect timers for all devices. */
    static final int CONNECT_THREADS = 8;
    /** Paho's in-flight window per device; devices publish a few messages a minute. */
    static final int MAX_INFLIGHT = 100;

    private SimulationFactory() {
    }

    /** The fault plan a run uses: planned from the seed, none, or read from a file. */
    public static FaultPlan faultPlan(RunSettings s, List<Device> devices) {
        return switch (s.faults()) {
            case "none" -> FaultPlan.none();
            case "auto" -> FaultPlanner.plan(s.seed(), s.scenario(), devices, s.startMs(), s.durationMs());
            default -> FaultPlan.read(Path.of(s.faults()));
        };
    }

    /**
     * A simulation of the devices {@code s} selects from {@code registry}, each connecting with its secret from
     * {@code secrets} (device id → secret). Nothing connects before {@link Simulation#start()}.
     *
     * @throws IllegalArgumentException when the selection is empty, a secret is missing, or a flaw names a device not
     *                                  played or one it cannot have
     */
    public static Simulation create(Registry registry, Map<String, String> secrets, RunSettings s, SimStats stats) {
        List<Device> devices = s.filter().select(registry.devices());
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("--devices selects no enabled device of the registry");
        }
        for (Device d : devices) {
            if (!secrets.containsKey(d.id())) {
                throw new IllegalArgumentException("--credentials has no secret for device " + d.id());
            }
        }
        FaultPlan plan = faultPlan(s, devices);
        if (s.planOut() != null) {
            plan.write(s.planOut());
        }
        Flaws flaws = new Flaws(s.flaws());
        flaws.requirePlayed(devices.stream().map(Device::id).toList());
        SimClock clock = s.clock();
        Behaviours behaviours = new Behaviours(registry, s.seed(), s.scenario(), plan);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(CONNECT_THREADS, r -> {
            Thread t = new Thread(r, "sim-connect");
            t.setDaemon(true);
            return t;
        });
        // At close, reconnects still waiting out their backoff are dropped; connects in progress finish (Simulation).
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        Backoff backoff = new Backoff(s.backoffBaseMs(), Backoff.DEFAULT_CAP_MS, Draws.forDevice(s.seed(), "backoff"));
        Map<String, ClockFault> clockFaults = new HashMap<>();
        s.clockFaults().forEach(f -> clockFaults.put(f.deviceId(), f));
        List<DeviceSession> sessions = new ArrayList<>(devices.size());
        Map<String, Device> byId = new LinkedHashMap<>();
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            byId.put(d.id(), d);
            DeviceBehaviour behaviour = behaviours.create(d, s.startMs());
            flaws.applyTo(behaviour);
            DeviceLink link = s.mqttVersion(d.id(), i) == 3 ? new Paho3Link(null, MAX_INFLIGHT)
                    : new Paho5Link(null, MAX_INFLIGHT);
            sessions.add(new DeviceSession(behaviour, link, secrets.get(d.id()), s.link(),
                    flaws.backoff(d.id(), backoff), scheduler, clock, stats,
                    flaws.clockFault(d.id(), clockFaults.get(d.id()))));
        }
        GroundTruthWriter gt = s.groundTruth() == null ? null : new GroundTruthWriter(s.groundTruth());
        if (gt != null) {
            // Known before the run starts: what the scenario's own crowds may raise over its planned length.
            ExpectedCrowdWarnings.forCounters(devices, registry, s.scenario(), s.startMs(), s.startMs() + s.durationMs())
                    .forEach(gt::append);
        }
        return new Simulation(clock, sessions, new FaultInjector(plan, byId), gt, stats, scheduler);
    }
}
