package io.anju.jobs.e2e;

import io.anju.common.model.DistrictTime;
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

/**
 * The seeded scenarios the end-to-end tests play with the simulator's automatic fault plan: an ordinary evening, and
 * a holiday evening whose Beiyuanmen crowds pass the blue line in every zone.
 */
final class Scenarios {
    static final long MINUTE = 60_000;
    /** 2026-11-28 17:30 in Xi'an: the evening charging peak is coming. */
    static final long EVENING = LocalDateTime.of(2026, 11, 28, 17, 30).atZone(DistrictTime.ZONE).toInstant().toEpochMilli();
    /** The planner spreads faults over (at least) four simulated hours, each ending inside them. */
    static final long LENGTH_MS = 4 * 60 * MINUTE;
    static final long SEED = 7;
    /** 2026-10-01 17:00 in Xi'an, National Day: the street fills towards its 19:00 peak (1.5 × an ordinary day). */
    static final long HOLIDAY = LocalDateTime.of(2026, 10, 1, 17, 0).atZone(DistrictTime.ZONE).toInstant().toEpochMilli();
    /** Until 22:30, when the crowds have thinned below every warning line again. */
    static final long HOLIDAY_LENGTH_MS = 330 * MINUTE;

    private Scenarios() {
    }

    static RunSettings evening(List<Device> devices, double speed, String mqttUri, Path groundTruth, Path planOut) {
        return new RunSettings(new DeviceFilter(java.util.Set.of(), PlatformUnderTest.ids(devices), null, null,
                Integer.MAX_VALUE), Scenario.EVENING, SEED, speed, EVENING, "auto", groundTruth, planOut, LENGTH_MS,
                MqttVersionChoice.MIXED, new LinkSettings(mqttUri, null, false, 60, System::currentTimeMillis));
    }

    static RunSettings holiday(List<Device> devices, double speed, String mqttUri, Path groundTruth, Path planOut) {
        return new RunSettings(new DeviceFilter(java.util.Set.of(), PlatformUnderTest.ids(devices), null, null,
                Integer.MAX_VALUE), Scenario.HOLIDAY, SEED, speed, HOLIDAY, "auto", groundTruth, planOut,
                HOLIDAY_LENGTH_MS, MqttVersionChoice.MIXED,
                new LinkSettings(mqttUri, null, false, 60, System::currentTimeMillis));
    }
}
