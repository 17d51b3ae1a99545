package io.anju.jobs.e2e;

import io.anju.common.model.Device;
import io.anju.sim.clock.Scenario;
import io.anju.sim.clock.SimClock;
import io.anju.sim.link.MqttVersionChoice;
import io.anju.sim.run.DeviceFilter;
import io.anju.sim.run.LinkSettings;
import io.anju.sim.run.RunSettings;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/** The seeded scenario the end-to-end tests play: an ordinary evening with the simulator's automatic fault plan. */
final class Scenarios {
    static final long MINUTE = 60_000;
    /** 2026-11-28 17:30 in Xi'an: the evening charging peak is coming. */
    static final long EVENING = LocalDateTime.of(2026, 11, 28, 17, 30).atZone(SimClock.ZONE).toInstant().toEpochMilli();
    /** The planner spreads faults over (at least) four simulated hours, each ending inside them. */
    static final long LENGTH_MS = 4 * 60 * MINUTE;
    static final long SEED = 7;

    private Scenarios() {
    }

    static RunSettings evening(List<Device> devices, double speed, String mqttUri, Path groundTruth, Path planOut) {
        return new RunSettings(new DeviceFilter(java.util.Set.of(), PlatformUnderTest.ids(devices), null, null,
                Integer.MAX_VALUE), Scenario.EVENING, SEED, speed, EVENING, "auto", groundTruth, planOut, LENGTH_MS,
                MqttVersionChoice.MIXED, new LinkSettings(mqttUri, null, false, 60, System::currentTimeMillis));
    }
}
