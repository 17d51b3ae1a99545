package io.anju.platform.recovery;

import io.anju.common.model.DistrictTime;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.sim.clock.Scenario;
import io.anju.sim.clock.SimClock;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultPlan;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.link.MqttVersionChoice;
import io.anju.sim.run.DeviceFilter;
import io.anju.sim.run.LinkSettings;
import io.anju.sim.run.RunSettings;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A seeded evening busy with alerts, so that every stretch of a few seconds has some: 24 chargers and Beiyuanmen's
 * crowd counters, a port overload starting every 90 simulated seconds somewhere (4–6 minutes each, raised, made red,
 * cleared) and a crowd surge in one zone. At {@link #SPEED}× a new overload starts about every 0.75 s.
 */
final class BusyEvening {
    static final double SPEED = 120;
    static final long MINUTE = 60_000;
    /** 2026-11-28 17:30 in Xi'an. */
    static final long START = LocalDateTime.of(2026, 11, 28, 17, 30).atZone(DistrictTime.ZONE).toInstant().toEpochMilli();
    static final long LENGTH_MS = 120 * MINUTE;
    static final long SEED = 7;
    private static final int CHARGERS = 24;
    private static final long OVERLOAD_EVERY_MS = 90_000;

    final List<Device> devices;
    final FaultPlan faults;

    BusyEvening(Registry registry) {
        List<Device> chargers = registry.devicesOfType(DeviceType.CHARGER).stream().filter(Device::enabled)
                .limit(CHARGERS).toList();
        List<Device> counters = registry.devicesOfType(DeviceType.CROWD).stream().filter(Device::enabled).toList();
        devices = new ArrayList<>(chargers);
        devices.addAll(counters);
        List<FaultSpec> specs = new ArrayList<>();
        // One charger's turn comes every 36 simulated minutes: its overloads never overlap.
        int i = 0;
        for (long start = START + 5 * MINUTE; start + 16 * MINUTE < START + LENGTH_MS; start += OVERLOAD_EVERY_MS) {
            Device d = chargers.get(i % CHARGERS);
            int port = 1 + (i / CHARGERS) % d.charger().ports();
            specs.add(new FaultSpec(FaultKind.PORT_OVERLOAD, d.id(), port, start, start + (4 + i % 3) * MINUTE, 1_100));
            i++;
        }
        specs.add(new FaultSpec(FaultKind.CROWD_SURGE, counters.get(0).id(), null, START + 10 * MINUTE,
                START + 40 * MINUTE, 2.1));
        faults = new FaultPlan(SEED, Scenario.EVENING.wireName(), specs);
    }

    /** The run against {@code mqttUri}, its fault plan written to {@code planFile}. */
    RunSettings run(String mqttUri, Path planFile, Path groundTruth) {
        faults.write(planFile);
        Set<String> ids = new LinkedHashSet<>();
        devices.forEach(d -> ids.add(d.id()));
        return new RunSettings(new DeviceFilter(Set.of(), ids, null, null, Integer.MAX_VALUE), Scenario.EVENING, SEED,
                SPEED, START, planFile.toString(), groundTruth, null, LENGTH_MS, MqttVersionChoice.MIXED,
                new LinkSettings(mqttUri, null, false, 60, System::currentTimeMillis));
    }
}
