package io.anju.sim.behaviour;

import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.testing.Messages;
import io.anju.sim.testing.Messages.Msg;
import io.anju.sim.testing.TinyRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.anju.sim.testing.TinyRegistry.MINUTE;
import static io.anju.sim.testing.TinyRegistry.ZONE_CAPACITY;
import static org.assertj.core.api.Assertions.assertThat;

class CrowdBehaviourTest {
    private static final long NOON = TinyRegistry.at(2026, 11, 28, 12, 0);

    private static List<Msg> telemetry(Scenario scenario, long from, long until, FaultSpec... faults) {
        CrowdBehaviour b = new CrowdBehaviour(TinyRegistry.crowd(), TinyRegistry.zone(), new Random(5),
                List.of(faults), scenario, from);
        return Messages.play(b, until).stream().filter(m -> m.on("telemetry")).toList();
    }

    @Test
    void everyTenSeconds_countFollowsInAndOutFlowsExactly() {
        List<Msg> tel = telemetry(Scenario.EVENING, NOON, NOON + 60 * MINUTE);
        assertThat(tel).hasSize(360);
        long totalIn = 0;
        for (int i = 1; i < tel.size(); i++) {
            var prev = tel.get(i - 1).json();
            var cur = tel.get(i).json();
            assertThat(tel.get(i).ts() - tel.get(i - 1).ts()).isEqualTo(10_000);
            assertThat(cur.get("intervalS").asInt()).isEqualTo(10);
            assertThat(cur.get("count").asInt())
                    .isEqualTo(prev.get("count").asInt() + cur.get("inCount").asInt() - cur.get("outCount").asInt());
            assertThat(cur.get("count").asInt()).isNotNegative();
            totalIn += cur.get("inCount").asInt();
        }
        assertThat(totalIn).isGreaterThan(100);
    }

    @Test
    void holiday_isBusierThanAnOrdinaryDay_andNightIsNearlyEmpty() {
        long evening = TinyRegistry.at(2026, 11, 28, 19, 0);
        double ordinary = mean(telemetry(Scenario.EVENING, evening, evening + 30 * MINUTE));
        double holiday = mean(telemetry(Scenario.HOLIDAY, evening, evening + 30 * MINUTE));
        double night = mean(telemetry(Scenario.EVENING, TinyRegistry.at(2026, 11, 28, 4, 0),
                TinyRegistry.at(2026, 11, 28, 4, 30)));
        assertThat(holiday).isGreaterThan(ordinary * 1.3);
        assertThat(ordinary).isGreaterThan(night * 10);
    }

    @Test
    void surge_fillsTheZonePastItsCapacity_thenDrains() {
        long start = NOON + 5 * MINUTE;
        List<Msg> tel = telemetry(Scenario.EVENING, NOON, start + 60 * MINUTE,
                new FaultSpec(FaultKind.CROWD_SURGE, TinyRegistry.CROWD, null, start, start + 25 * MINUTE, 1.3));
        int peak = tel.stream().filter(m -> m.ts() < start + 25 * MINUTE)
                .mapToInt(m -> m.json().get("count").asInt()).max().orElseThrow();
        int before = tel.stream().filter(m -> m.ts() < start).mapToInt(m -> m.json().get("count").asInt()).max()
                .orElseThrow();
        int after = tel.get(tel.size() - 1).json().get("count").asInt();
        assertThat(before).isLessThan(ZONE_CAPACITY / 2);
        assertThat(peak).isGreaterThan(ZONE_CAPACITY);
        assertThat(after).isLessThan(peak * 3 / 4);
    }

    private static double mean(List<Msg> tel) {
        return tel.stream().mapToInt(m -> m.json().get("count").asInt()).average().orElseThrow();
    }
}
