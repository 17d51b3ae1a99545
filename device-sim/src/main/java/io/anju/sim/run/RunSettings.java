package io.anju.sim.run;

import io.anju.sim.fault.ClockFault;

import io.anju.sim.clock.Scenario;
import io.anju.sim.link.MqttVersionChoice;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code sim run} needs, validated by the CLI.
 *
 * @param faults      {@code auto} (planned from the seed), {@code none}, or a path to a fault-plan JSON file
 * @param groundTruth where to append injected faults (JSONL); null for none
 * @param planOut     where to write the fault plan used (JSON); null for none
 * @param durationMs  simulated time the auto fault plan spreads over (the run's length, or a day if open-ended)
 * @param clockFaults devices whose clocks are wrong ({@link ClockFault}); none by default
 */
public record RunSettings(DeviceFilter filter, Scenario scenario, long seed, double speed, long startMs,
                          String faults, Path groundTruth, Path planOut, long durationMs, MqttVersionChoice mqtt,
                          LinkSettings link, List<ClockFault> clockFaults) {

    public RunSettings {
        clockFaults = List.copyOf(clockFaults);
    }

    /** A run in which every device's clock is right. */
    public RunSettings(DeviceFilter filter, Scenario scenario, long seed, double speed, long startMs, String faults,
                       Path groundTruth, Path planOut, long durationMs, MqttVersionChoice mqtt, LinkSettings link) {
        this(filter, scenario, seed, speed, startMs, faults, groundTruth, planOut, durationMs, mqtt, link, List.of());
    }

    /** The same run with these devices' clocks wrong. */
    public RunSettings withClockFaults(List<ClockFault> faults) {
        return new RunSettings(filter, scenario, seed, speed, startMs, this.faults, groundTruth, planOut, durationMs,
                mqtt, link, faults);
    }
}
