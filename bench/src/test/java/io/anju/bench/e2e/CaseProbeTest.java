package io.anju.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CaseProbeTest {

    @Test
    void everyOverloadIsClearedByTheSameChargersNextReadingAndOverloadsRotate() {
        // Three chargers of 3, 3 and 2 probe ports; one overload every 2 ticks (a second).
        CaseProbe.Schedule schedule = new CaseProbe.Schedule(new int[]{3, 3, 2}, 2);
        List<String> overloads = new ArrayList<>();
        List<CaseProbe.Step> previous = List.of();
        for (long tick = 0; tick < 24; tick++) {
            List<CaseProbe.Step> steps = schedule.next(tick);
            assertThat(steps).as("one reading per charger every tick").hasSize(3)
                    .extracting(CaseProbe.Step::charger).containsExactly(0, 1, 2);
            for (CaseProbe.Step before : previous) {
                if (before.kind() == ProbeLedger.Kind.OVERLOAD) {
                    assertThat(steps.get(before.charger()))
                            .isEqualTo(new CaseProbe.Step(before.charger(), before.port(), ProbeLedger.Kind.CLEAR));
                }
            }
            steps.stream().filter(s -> s.kind() == ProbeLedger.Kind.OVERLOAD)
                    .forEach(s -> overloads.add(s.charger() + "#" + s.port()));
            assertThat(steps.stream().filter(s -> s.kind() == ProbeLedger.Kind.OVERLOAD).count())
                    .isEqualTo(tick % 2 == 0 ? 1 : 0);
            previous = steps;
        }
        // Chargers first, then ports; a charger with fewer ports wraps.
        assertThat(overloads).containsExactly("0#1", "1#1", "2#1", "0#2", "1#2", "2#2", "0#3", "1#3", "2#1", "0#1",
                "1#1", "2#2");
    }

    @Test
    void theOverloadedPortIsOverTheRedFactorAndTheOthersCharge() throws IOException {
        JsonNode t = Json.tree(CaseProbe.payload(1_796_562_990_070L, 7, 3, 2, 1250));
        assertThat(t.path("ts").asLong()).isEqualTo(1_796_562_990_070L);
        assertThat(t.path("ports")).hasSize(3);
        assertThat(t.path("ports").path(1).path("no").asInt()).isEqualTo(2);
        assertThat(t.path("ports").path(1).path("powerW").asDouble()).isEqualTo(1250.0);
        assertThat(t.path("ports").path(0).path("powerW").asDouble()).isLessThan(1000);
        assertThat(t.path("ports").path(2).path("state").asText()).isEqualTo("charging");
        assertThat((int) Math.ceil(1000 * CaseProbe.OVERLOAD_FACTOR)).isGreaterThanOrEqualTo(1200);
        JsonNode plain = Json.tree(CaseProbe.payload(1, 8, 2, 0, 1250));
        assertThat(plain.path("ports").findValuesAsText("powerW")).containsOnly("199.3");
    }

    @Test
    void theStopPortChargesAfterTheOthers_untilAStopTurnsItOff() throws IOException {
        JsonNode on = Json.tree(CaseProbe.payload(1, 9, 3, 0, 1250, 4, false, false));
        assertThat(on.path("ports")).hasSize(4);
        assertThat(on.path("ports").path(3).path("no").asInt()).isEqualTo(4);
        assertThat(on.path("ports").path(3).path("powerW").asDouble()).isEqualTo(CaseProbe.NORMAL_W);
        JsonNode off = Json.tree(CaseProbe.payload(1, 10, 3, 0, 1250, 4, true, false));
        assertThat(off.path("ports").path(3).path("powerW").asDouble()).as("under the 10 W that confirms a stop")
                .isZero();
        assertThat(off.path("ports").path(3).path("state").asText()).isEqualTo("idle");
        assertThat(new CaseProbe.Charger("chg-1", "s", 1000, 3).stopPort()).as("no port to spare").isZero();
    }

    @Test
    void aSmokeReadingMakesTheStopPortTheHottest_soTheFireRisksStopNamesIt() throws IOException {
        JsonNode plain = Json.tree(CaseProbe.payload(1, 11, 3, 0, 1250, 4, false, false));
        assertThat(plain.path("smoke").asBoolean()).isFalse();
        assertThat(plain.path("ports").findValuesAsText("tempC")).containsOnly("35.0");
        JsonNode smoke = Json.tree(CaseProbe.payload(1, 12, 3, 0, 1250, 4, false, true));
        assertThat(smoke.path("smoke").asBoolean()).isTrue();
        assertThat(smoke.path("ports").path(3).path("no").asInt()).isEqualTo(4);
        assertThat(smoke.path("ports").path(3).path("tempC").asDouble()).isEqualTo(CaseProbe.FIRE_C)
                .isGreaterThan(65.0);
        assertThat(smoke.path("ports").path(0).path("tempC").asDouble()).isEqualTo(CaseProbe.NORMAL_C);
    }
}
