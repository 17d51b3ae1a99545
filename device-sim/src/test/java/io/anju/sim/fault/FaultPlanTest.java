package io.anju.sim.fault;

import io.anju.common.model.Device;
import io.anju.sim.clock.Scenario;
import io.anju.sim.run.FaultInjector;
import io.anju.sim.testing.TinyRegistry;
import io.anju.sim.truth.GroundTruthWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.anju.sim.testing.TinyRegistry.EVENING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultPlanTest {
    private static final long DAY = 24 * 3_600_000L;

    private static List<Device> devices() {
        return new ArrayList<>(TinyRegistry.registry().devices());
    }

    @Test
    void sameSeed_samePlan_differentSeed_differentPlan() {
        FaultPlan a = FaultPlanner.plan(42, Scenario.EVENING, devices(), EVENING, DAY);
        FaultPlan b = FaultPlanner.plan(42, Scenario.EVENING, devices(), EVENING, DAY);
        FaultPlan c = FaultPlanner.plan(43, Scenario.EVENING, devices(), EVENING, DAY);
        assertThat(a).isEqualTo(b);
        assertThat(a.faults()).isNotEqualTo(c.faults());
    }

    @Test
    void autoPlan_coversEveryKind_onDevicesThatCanHaveIt_insideTheWindow() {
        FaultPlan plan = FaultPlanner.plan(7, Scenario.HOLIDAY, devices(), EVENING, DAY);
        assertThat(plan.faults()).extracting(FaultSpec::fault).containsAll(List.of(FaultKind.values()));
        Map<String, Device> byId = new LinkedHashMap<>();
        devices().forEach(d -> byId.put(d.id(), d));
        for (FaultSpec f : plan.faults()) {
            Device d = byId.get(f.deviceId());
            assertThat(f.fault().appliesTo(d.type())).as(f.toString()).isTrue();
            assertThat(f.startTs()).isGreaterThanOrEqualTo(EVENING);
            assertThat(f.endTs()).isLessThanOrEqualTo(EVENING + DAY);
            long minutes = (f.endTs() - f.startTs()) / 60_000;
            assertThat(minutes).isBetween((long) f.fault().minMinutes(), (long) f.fault().maxMinutes());
            if (f.fault().perPort()) {
                assertThat(f.port()).isBetween(1, d.charger().ports());
            }
        }
        for (FaultSpec a : plan.faults()) {
            for (FaultSpec b : plan.faults()) {
                if (a != b && a.deviceId().equals(b.deviceId())) {
                    assertThat(a.startTs() < b.endTs() && b.startTs() < a.endTs()).as(a + " vs " + b).isFalse();
                }
            }
        }
        assertThat(plan.faults()).filteredOn(f -> f.fault() == FaultKind.ILLEGAL_LOAD)
                .allSatisfy(f -> {
                    assertThat(f.magnitude()).isGreaterThanOrEqualTo(800);
                    assertThat(f.endTs() - f.startTs()).isGreaterThanOrEqualTo(20 * 60_000L);
                });
    }

    @Test
    void plan_roundTripsThroughJson(@TempDir Path dir) {
        FaultPlan plan = FaultPlanner.plan(9, Scenario.EVENING, devices(), EVENING, DAY);
        Path file = dir.resolve("plan.json");
        plan.write(file);
        assertThat(FaultPlan.read(file)).isEqualTo(plan);
    }

    @Test
    void badPlanFile_failsNamingTheOption(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"seed\":1,\"faults\":[{\"fault\":\"meteor\",\"deviceId\":\"x\"}]}");
        assertThatThrownBy(() -> FaultPlan.read(file)).hasMessageContaining("--faults");
    }

    @Test
    void sameSeed_sameGroundTruthFile(@TempDir Path dir) throws IOException {
        Path first = writeGroundTruth(dir.resolve("a.jsonl"));
        Path second = writeGroundTruth(dir.resolve("b.jsonl"));
        List<String> lines = Files.readAllLines(first);
        assertThat(lines).isNotEmpty().isEqualTo(Files.readAllLines(second));
        assertThat(lines.get(0)).contains("\"startTs\"", "\"endTs\"", "\"expected\":{\"alert\":");
        assertThat(lines).anyMatch(l -> l.contains("\"fault\":\"crowd_surge\"") && l.contains("\"zoneId\":\"bym-z01\""))
                .anyMatch(l -> l.contains("\"fault\":\"thermal_runaway\"") && l.contains("\"compoundId\":\"cp-0001\"")
                        && l.contains("\"port\":") && l.contains("\"severity\":\"red\""));
    }

    private static Path writeGroundTruth(Path file) throws IOException {
        FaultPlan plan = FaultPlanner.plan(11, Scenario.EVENING, devices(), EVENING, DAY);
        Map<String, Device> byId = new LinkedHashMap<>();
        devices().forEach(d -> byId.put(d.id(), d));
        FaultInjector injector = new FaultInjector(plan, byId);
        try (GroundTruthWriter w = new GroundTruthWriter(file)) {
            // Played in uneven steps, as a tick thread at some speed would.
            for (long t = EVENING; t <= EVENING + DAY; t += 7 * 60_000 + 13_000) {
                injector.startedBy(t).forEach(w::append);
            }
        }
        assertThat(injector.remaining()).isZero();
        return file;
    }
}
