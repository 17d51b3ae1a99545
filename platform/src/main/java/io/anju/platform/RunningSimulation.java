package io.anju.platform;

import io.anju.common.model.DistrictTime;
import io.anju.common.auth.Credentials;
import io.anju.common.registry.Registry;
import io.anju.gateway.ingest.ReceiveClock;
import io.anju.sim.link.MqttVersionChoice;
import io.anju.sim.run.DeviceFilter;
import io.anju.sim.run.LinkSettings;
import io.anju.sim.run.RunSettings;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import io.anju.sim.run.SimulationFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/**
 * The simulator playing the demo scenario in this process. Its fault plan and ground truth are written under the
 * data directory ({@code demo-faults.json}, {@code ground-truth.jsonl}); on close the last simulated time is kept
 * there, so the next run's evening starts later (see {@link SimulatedStart}).
 */
final class RunningSimulation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningSimulation.class);
    private static final int KEEP_ALIVE_S = 60;
    /** The auto fault planner is not used; the plan is the scenario's. */
    private static final long PLAN_WINDOW_MS = 24 * 3_600_000L;

    private final Simulation simulation;
    private final SimStats stats;
    private final DemoScenario scenario;
    private final SimulatedStart start;

    private RunningSimulation(Simulation simulation, SimStats stats, DemoScenario scenario, SimulatedStart start) {
        this.simulation = simulation;
        this.stats = stats;
        this.scenario = scenario;
        this.start = start;
    }

    /** Connects the devices (up to the simulator's connect grace) and lets simulated time run. */
    /** @param receiveClock the gateway's: it follows the simulation's clock from the moment the simulation exists */
    static RunningSimulation start(PlatformSettings settings, Registry registry, int mqttPort,
                                   ReceiveClock receiveClock) {
        SimulatedStart start = new SimulatedStart(settings.dataDir().resolve("sim-clock.txt"));
        long startMs = start.next(LocalDate.now(DistrictTime.ZONE));
        DemoScenario scenario = DemoScenario.of(registry, startMs, settings.faultsAfter(),
                DeviceFilter.parse(settings.devices()));
        Path planFile = settings.dataDir().resolve("demo-faults.json");
        scenario.faults().write(planFile);
        Map<String, String> secrets = Credentials.secretsById(settings.credentialsFile());
        RunSettings run = new RunSettings(scenario.deviceFilter(), DemoScenario.DAY_SHAPE, settings.seed(),
                settings.speed(), startMs, planFile.toString(), settings.dataDir().resolve("ground-truth.jsonl"), null,
                PLAN_WINDOW_MS, MqttVersionChoice.MIXED,
                new LinkSettings("tcp://127.0.0.1:" + mqttPort, null, false, KEEP_ALIVE_S, System::currentTimeMillis));
        SimStats stats = new SimStats();
        Simulation simulation = SimulationFactory.create(registry, secrets, run, stats);
        receiveClock.follow(simulation.clock()::now);
        scenario.describe().forEach(line -> LOG.info("demo scenario: {}", line));
        try {
            simulation.start();
        } catch (RuntimeException e) {
            simulation.close();
            throw e;
        }
        LOG.info("simulating {} devices at {}×, {} of {} online", simulation.deviceCount(), settings.speed(),
                stats.connected.get(), simulation.deviceCount());
        return new RunningSimulation(simulation, stats, scenario, start);
    }

    Simulation simulation() {
        return simulation;
    }

    SimStats stats() {
        return stats;
    }

    DemoScenario scenario() {
        return scenario;
    }

    @Override
    public void close() {
        long reached = simulation.clock().now();
        simulation.close();
        start.record(reached);
    }
}
