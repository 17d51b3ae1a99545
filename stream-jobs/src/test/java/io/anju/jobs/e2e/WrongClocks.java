package io.anju.jobs.e2e;

import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.ClockFault;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultPlan;
import io.anju.sim.fault.FaultPlanner;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.run.RunSettings;
import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Device clocks that cannot be trusted, added to the evening scenario: in every partition of the charger topic a
 * charger whose clock runs a day ahead and one whose clock was reset to 2000-01-01, plus a charger whose clock is reset
 * to 2000-01-01 half-way through (an RTC reset after a power cut). Besides the scenario's own faults, the plan gives a
 * port overload to a charger a day ahead, an outage to one reset to 2000, and a port overload to the one reset
 * half-way, after its reset.
 * Before the clock rule, one charger a day ahead in a partition moved that partition's event time a day on and every
 * well-clocked charger behind it was reported offline.
 */
final class WrongClocks {
    private static final int CHARGER_PARTITIONS = 6;
    static final long DAY = Duration.ofDays(1).toMillis();
    private static final String Y2K = "2000-01-01T00:00:00Z";
    private static final long MINUTE = 60_000;

    /** Every device the evening plays, the wrong-clocked ones included. */
    final List<Device> devices;
    /** The chargers with a wrong clock. */
    final Set<String> skewed = new HashSet<>();
    /** The charger whose clock is reset half-way: it must never be reported offline. */
    final String resetHalfWay;
    private final List<ClockFault> clocks = new ArrayList<>();
    private final List<FaultSpec> faults;

    WrongClocks(PlatformUnderTest platform, List<Device> scenarioDevices) {
        devices = new ArrayList<>(scenarioDevices);
        Set<String> inScenario = PlatformUnderTest.ids(devices);
        List<Device> spare = platform.registry.devicesOfType(DeviceType.CHARGER).stream()
                .filter(d -> d.enabled() && !inScenario.contains(d.id())).toList();
        for (int partition = 0; partition < CHARGER_PARTITIONS; partition++) {
            List<Device> here = inPartition(spare, partition, 2);
            clocks.add(new ClockFault(here.get(0).id(), DAY, null, 0));
            clocks.add(ClockFault.parse(here.get(1).id() + "=reset:" + Y2K, Scenarios.EVENING));
            here.forEach(d -> skewed.add(d.id()));
            devices.addAll(here);
        }
        // The scenario's own faults over the devices so far, then faults of chargers with wrong clocks that have
        // none of their own, and the charger whose clock will be reset half-way: their detection must hold too.
        faults = new ArrayList<>(FaultPlanner.plan(Scenarios.SEED, Scenario.EVENING, devices, Scenarios.EVENING,
                Scenarios.LENGTH_MS).faults());
        Set<String> planned = new HashSet<>();
        faults.forEach(f -> planned.add(f.deviceId()));
        String ahead = clocks.stream().filter(c -> c.resetTo() == null && !planned.contains(c.deviceId()))
                .findFirst().orElseThrow().deviceId();
        String reset = clocks.stream().filter(c -> c.resetTo() != null && !planned.contains(c.deviceId()))
                .findFirst().orElseThrow().deviceId();
        Device jumps = inPartition(spare, 0, 1).get(0);
        resetHalfWay = jumps.id();
        long half = Scenarios.EVENING + Scenarios.LENGTH_MS / 2;
        clocks.add(ClockFault.parse(jumps.id() + "=reset:" + Y2K + "@" + Scenarios.LENGTH_MS / 2 / MINUTE + "m",
                Scenarios.EVENING));
        skewed.add(jumps.id());
        devices.add(jumps);
        faults.add(new FaultSpec(FaultKind.PORT_OVERLOAD, ahead, 7, Scenarios.EVENING + 40 * MINUTE,
                Scenarios.EVENING + 46 * MINUTE, 1_150));
        faults.add(new FaultSpec(FaultKind.OFFLINE, reset, null, Scenarios.EVENING + 60 * MINUTE,
                Scenarios.EVENING + 75 * MINUTE, 0));
        faults.add(new FaultSpec(FaultKind.PORT_OVERLOAD, jumps.id(), 7, half + 20 * MINUTE, half + 26 * MINUTE,
                1_150));
    }

    /** The evening over {@link #devices} with this plan written to {@code plan} and these clocks. */
    RunSettings evening(double speed, String mqttUri, Path groundTruth, Path plan) throws IOException {
        new FaultPlan(Scenarios.SEED, Scenario.EVENING.wireName(), faults).write(plan);
        RunSettings evening = Scenarios.evening(devices, speed, mqttUri, groundTruth, null);
        return new RunSettings(evening.filter(), evening.scenario(), evening.seed(), evening.speed(),
                evening.startMs(), plan.toString(), groundTruth, null, evening.durationMs(), evening.mqtt(),
                evening.link(), clocks);
    }

    /** {@code n} chargers of {@code spare} not yet taken whose records land in {@code partition} of 6. */
    private List<Device> inPartition(List<Device> spare, int partition, int n) {
        List<Device> found = spare.stream()
                .filter(d -> !skewed.contains(d.id()) && partitionOf(d.id()) == partition).limit(n).toList();
        assertThat(found).as("chargers for partition " + partition).hasSize(n);
        return found;
    }

    /** Kafka's default partitioner for a keyed record: murmur2 of the key. */
    private static int partitionOf(String deviceId) {
        return Utils.toPositive(Utils.murmur2(deviceId.getBytes(StandardCharsets.UTF_8))) % CHARGER_PARTITIONS;
    }
}
