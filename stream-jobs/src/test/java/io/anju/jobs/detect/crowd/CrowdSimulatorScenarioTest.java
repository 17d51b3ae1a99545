package io.anju.jobs.detect.crowd;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.json.Json;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import io.anju.jobs.input.CrowdReading;
import io.anju.jobs.input.ZoneInfo;
import io.anju.sim.behaviour.CrowdBehaviour;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.payload.Outgoing;
import io.anju.sim.payload.Payloads;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.anju.jobs.detect.crowd.CrowdFixtures.chainOf;
import static io.anju.jobs.detect.crowd.CrowdFixtures.ofType;
import static io.anju.jobs.detect.crowd.CrowdFixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known answers with the simulator's own crowd model (Poisson arrivals, dwell-time departures, seeded): an ordinary
 * afternoon raises nothing in any kind of zone; a surge towards 1.85–2.2 × capacity raises exactly one density
 * episode that peaks at orange and clears once the crowd has gone.
 */
class CrowdSimulatorScenarioTest {
    private static final long AFTERNOON = ZonedDateTime.parse("2026-01-07T13:00:00+08:00").toInstant().toEpochMilli();
    private static final long MINUTE = 60_000;

    /** The kinds of zone the registry generates: square, street, lane; at an entrance or inside the street. */
    private static final List<CrowdZone> ZONES = List.of(
            new CrowdZone("Z001", "鼓楼广场", "G001", 2000, 4000, true, true),
            new CrowdZone("Z002", "北院门牌楼", "G001", 1000, 2000, true, true),
            new CrowdZone("Z004", "北院门街中段", "G001", 1200, 2400, false, true),
            new CrowdZone("Z009", "化觉巷", "G001", 500, 1000, false, true),
            new CrowdZone("Z013", "洒金桥北口", "G001", 300, 600, true, true));

    private static List<Alert> run(CrowdZone zone, long seed, List<FaultSpec> faults, long durationMs)
            throws Exception {
        return run(zone, Scenario.EVENING, AFTERNOON, seed, faults, durationMs);
    }

    /** The detector's alerts on {@code zone}'s simulated counter from {@code startMs} over {@code durationMs}. */
    static List<Alert> run(CrowdZone zone, Scenario scenario, long startMs, long seed, List<FaultSpec> faults,
                           long durationMs) throws Exception {
        ZoneInfo info = new ZoneInfo(zone.id(), zone.name(), zone.areaM2(), zone.capacity(), zone.entrance());
        String counter = "crowd-" + zone.id();
        Device device = new Device(counter, DeviceType.CROWD, chainOf(info), "-", true, null, null, null);
        CrowdBehaviour sim = new CrowdBehaviour(device, zone, new Random(seed), faults, scenario, startMs);
        String topic = MqttTopics.telemetry(DeviceType.CROWD, counter);
        try (KeyedOneInputStreamOperatorTestHarness<String, CrowdReading, Alert> harness =
                     ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                             new CrowdDensityDetector(CrowdSettings.defaults()), CrowdDensityDetector.keySelector(),
                             Types.STRING)) {
            for (Outgoing o : sim.advanceTo(startMs + durationMs)) {
                if (o.topic().equals(topic)) {
                    Payloads.CrowdTelemetry t = Json.mapper().readValue(o.payload(), Payloads.CrowdTelemetry.class);
                    harness.processElement(new CrowdReading(counter, t.ts(), chainOf(info), t.count(), t.inCount(),
                            t.outCount(), t.intervalS(), info), t.ts());
                }
            }
            return new ArrayList<>(harness.extractOutputValues());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3"})
    void anOrdinaryAfternoonRaisesNothing(long seed) throws Exception {
        for (CrowdZone zone : ZONES) {
            // 13:00–17:00: 32–42 % of capacity, slowly changing.
            assertThat(run(zone, seed, List.of(), 240 * MINUTE)).as(zone.id()).isEmpty();
        }
    }

    @ParameterizedTest(name = "surge to {0} x capacity, seed {1}")
    @CsvSource({"1.85, 1", "2.0, 2", "2.2, 3"})
    void aSurgeIsOneDensityEpisodeReachingOrange(double magnitude, long seed) throws Exception {
        for (CrowdZone zone : ZONES) {
            FaultSpec surge = new FaultSpec(FaultKind.CROWD_SURGE, "crowd-" + zone.id(), null,
                    AFTERNOON + 30 * MINUTE, AFTERNOON + 60 * MINUTE, magnitude);
            List<Alert> density = ofType(run(zone, seed, List.of(surge), 240 * MINUTE), AlertType.CROWD_DENSITY);

            assertThat(withStatus(density, AlertStatus.RAISED)).as(zone.id()).hasSize(1);
            assertThat(density).as(zone.id()).extracting(Alert::id).containsOnly(density.get(0).id());
            assertThat(density.stream().map(Alert::severity).max(Enum::compareTo)).as(zone.id())
                    .contains(Severity.ORANGE);
            assertThat(density.get(density.size() - 1).status()).as(zone.id()).isEqualTo(AlertStatus.CLEARED);
            assertThat(density.get(0).firstEventTs()).as(zone.id()).isBetween(AFTERNOON + 30 * MINUTE,
                    AFTERNOON + 45 * MINUTE);
        }
    }
}
