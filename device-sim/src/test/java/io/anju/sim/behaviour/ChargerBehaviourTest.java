package io.anju.sim.behaviour;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.testing.Messages;
import io.anju.sim.testing.Messages.Msg;
import io.anju.sim.testing.TinyRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.anju.sim.testing.TinyRegistry.EVENING;
import static io.anju.sim.testing.TinyRegistry.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

class ChargerBehaviourTest {

    private static ChargerBehaviour charger(long start, long seed, FaultSpec... faults) {
        return new ChargerBehaviour(TinyRegistry.charger(TinyRegistry.CHARGER), new Random(seed), List.of(faults),
                Scenario.EVENING, start);
    }

    private static List<Msg> telemetry(List<Msg> all) {
        return all.stream().filter(m -> m.on("telemetry")).toList();
    }

    private static long chargingSamples(long start, long seed) {
        ChargerBehaviour b = charger(start, seed);
        List<Msg> tel = telemetry(Messages.play(b, start + 3 * 60 * MINUTE));
        long n = 0;
        for (Msg m : tel) {
            for (JsonNode p : m.json().get("ports")) {
                if (!p.get("state").asText().equals("idle")) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void eveningPeak_producesFarMoreChargingThanTheSmallHours() {
        long evening = 0;
        long night = 0;
        for (long seed = 1; seed <= 5; seed++) {
            evening += chargingSamples(EVENING, seed);
            night += chargingSamples(TinyRegistry.at(2026, 11, 28, 3, 0), seed);
        }
        assertThat(evening).isGreaterThan(5 * Math.max(night, 1));
    }

    @Test
    void session_tapersToFull_thenFloatsAt20W_for45Minutes_thenUnplugs() {
        ChargerBehaviour b = charger(EVENING, 11);
        List<Msg> all = Messages.play(b, EVENING + 14 * 60 * MINUTE);
        Msg full = all.stream().filter(m -> m.on("event") && m.json().get("kind").asText().equals("full"))
                .findFirst().orElseThrow();
        int no = full.json().get("port").asInt();
        Msg unplugged = all.stream().filter(m -> m.on("event") && m.json().get("kind").asText().equals("unplugged")
                && m.json().get("port").asInt() == no && m.ts() > full.ts()).findFirst().orElseThrow();
        assertThat(unplugged.ts() - full.ts()).isEqualTo(45 * MINUTE);

        List<Msg> tel = telemetry(all);
        List<JsonNode> floatSamples = new ArrayList<>();
        List<Double> chargingPowers = new ArrayList<>();
        for (Msg m : tel) {
            JsonNode p = m.json().get("ports").get(no - 1);
            if (m.ts() > full.ts() && m.ts() < unplugged.ts()) {
                floatSamples.add(p);
            } else if (m.ts() < full.ts() && p.get("state").asText().equals("charging")) {
                chargingPowers.add(p.get("powerW").asDouble());
            }
        }
        assertThat(floatSamples).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("state").asText()).isEqualTo("full");
            assertThat(p.get("powerW").asDouble()).isBetween(18.0, 22.0);
        });
        // Tapers: the last charging samples are far below the first ones and end under 45 W.
        assertThat(chargingPowers.get(0)).isBetween(145.0, 405.0);
        assertThat(chargingPowers.get(chargingPowers.size() - 1)).isLessThan(47.0);
    }

    @Test
    void telemetryEvery30sWhileCharging_andEvery90sWhenIdle() {
        ChargerBehaviour b = charger(TinyRegistry.at(2026, 11, 28, 4, 0), 2);
        List<Msg> tel = telemetry(Messages.play(b, b.clockMs() + 6 * 60 * MINUTE));
        int idleGaps = 0;
        for (int i = 1; i < tel.size(); i++) {
            boolean busyBefore = false;
            for (JsonNode p : tel.get(i - 1).json().get("ports")) {
                busyBefore |= !p.get("state").asText().equals("idle");
            }
            long gap = tel.get(i).ts() - tel.get(i - 1).ts();
            if (busyBefore) {
                assertThat(gap).isEqualTo(30_000);
            } else {
                // idle: 90 s, unless a bike was plugged in meanwhile
                assertThat(gap).isIn(30_000L, 90_000L);
                idleGaps += gap == 90_000 ? 1 : 0;
            }
        }
        assertThat(idleGaps).isGreaterThan(10);

        ChargerBehaviour busy = charger(EVENING, 2, new FaultSpec(FaultKind.ILLEGAL_LOAD, TinyRegistry.CHARGER, 1,
                EVENING, EVENING + 30 * MINUTE, 850));
        List<Msg> busyTel = telemetry(Messages.play(busy, EVENING + 20 * MINUTE));
        for (int i = 1; i < busyTel.size(); i++) {
            assertThat(busyTel.get(i).ts() - busyTel.get(i - 1).ts()).isEqualTo(30_000);
        }
    }

    @Test
    void illegalLoad_isFlatAbove800W_withoutTaper_forItsWholeWindow() {
        long start = EVENING + 10 * MINUTE;
        ChargerBehaviour b = charger(EVENING, 5,
                new FaultSpec(FaultKind.ILLEGAL_LOAD, TinyRegistry.CHARGER, 4, start, start + 25 * MINUTE, 860));
        List<Msg> tel = telemetry(Messages.play(b, start + 25 * MINUTE));
        List<Double> powers = tel.stream().filter(m -> m.ts() >= start + 10_000 && m.ts() < start + 25 * MINUTE)
                .map(m -> m.json().get("ports").get(3).get("powerW").asDouble()).toList();
        assertThat(powers).hasSizeGreaterThanOrEqualTo(45).allMatch(p -> p >= 840 && p <= 880);
    }

    @Test
    void portOverload_exceedsThePortLimit_andRaisesOvercurrent() {
        long start = EVENING + 5 * MINUTE;
        ChargerBehaviour b = charger(EVENING, 5,
                new FaultSpec(FaultKind.PORT_OVERLOAD, TinyRegistry.CHARGER, 2, start, start + 6 * MINUTE, 1120));
        List<Msg> all = Messages.play(b, start + 6 * MINUTE);
        assertThat(telemetry(all).get(telemetry(all).size() - 1).json().get("ports").get(1).get("powerW").asDouble())
                .isGreaterThan(1000);
        assertThat(all).anySatisfy(m -> {
            assertThat(m.on("event")).isTrue();
            assertThat(m.json().get("kind").asText()).isEqualTo("overcurrent");
            assertThat(m.json().get("port").asInt()).isEqualTo(2);
        });
    }

    @Test
    void stationOverload_putsTheStationTotalAboveItsLimit() {
        long start = EVENING + 5 * MINUTE;
        ChargerBehaviour b = charger(EVENING, 5,
                new FaultSpec(FaultKind.STATION_OVERLOAD, TinyRegistry.CHARGER, null, start, start + 8 * MINUTE, 1.08));
        List<Msg> tel = telemetry(Messages.play(b, start + 8 * MINUTE));
        double total = 0;
        for (JsonNode p : tel.get(tel.size() - 1).json().get("ports")) {
            total += p.get("powerW").asDouble();
        }
        assertThat(total).isGreaterThan(8700);
    }

    @Test
    void thermalRunaway_risesAtLeast2CPerMinute_thenSmoke_thenLeakage() {
        long start = EVENING + 10 * MINUTE;
        ChargerBehaviour b = charger(EVENING, 9,
                new FaultSpec(FaultKind.THERMAL_RUNAWAY, TinyRegistry.CHARGER, 3, start, start + 30 * MINUTE, 3.0));
        List<Msg> all = Messages.play(b, start + 30 * MINUTE);
        List<Msg> tel = telemetry(all).stream().filter(m -> m.ts() >= start).toList();
        double t0 = tel.get(0).json().get("ports").get(2).get("tempC").asDouble();
        Msg fiveLater = tel.stream().filter(m -> m.ts() >= tel.get(0).ts() + 5 * MINUTE).findFirst().orElseThrow();
        double t5 = fiveLater.json().get("ports").get(2).get("tempC").asDouble();
        assertThat((t5 - t0) / 5).isGreaterThanOrEqualTo(2.0);

        Msg firstSmoke = tel.stream().filter(m -> m.json().get("smoke").asBoolean()).findFirst().orElseThrow();
        assertThat(firstSmoke.json().get("ports").get(2).get("tempC").asDouble()).isGreaterThanOrEqualTo(65);
        assertThat(tel.stream().filter(m -> m.ts() < firstSmoke.ts()))
                .allMatch(m -> m.json().get("leakageMa").asDouble() < 30);
        assertThat(tel.stream().filter(m -> m.ts() > firstSmoke.ts()))
                .anyMatch(m -> m.json().get("leakageMa").asDouble() > 30);

        List<String> kinds = all.stream().filter(m -> m.on("event")).map(m -> m.json().get("kind").asText()).toList();
        assertThat(kinds).containsSubsequence("overtemp", "smoke", "leakage");
    }

    @Test
    void leakageFault_reportsAbove30mA() {
        long start = EVENING + 10 * MINUTE;
        ChargerBehaviour b = charger(EVENING, 9,
                new FaultSpec(FaultKind.LEAKAGE, TinyRegistry.CHARGER, null, start, start + 6 * MINUTE, 42));
        List<Msg> all = Messages.play(b, start + 6 * MINUTE);
        assertThat(telemetry(all).get(telemetry(all).size() - 1).json().get("leakageMa").asDouble()).isGreaterThan(30);
        assertThat(all).anyMatch(m -> m.on("event") && m.json().get("kind").asText().equals("leakage"));
    }

    @Test
    void seq_increasesByOnePerMessage_acrossAllChannels() {
        ChargerBehaviour b = charger(EVENING, 4);
        List<Msg> all = Messages.play(b, EVENING + 3 * 60 * MINUTE);
        assertThat(all).hasSizeGreaterThan(300);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).json().get("seq").asLong()).isEqualTo(i);
        }
    }

    @Test
    void offlineFault_sendsNothingInItsWindow_andSeqResumesWithoutGap() {
        long start = EVENING + 10 * MINUTE;
        ChargerBehaviour b = charger(EVENING, 4,
                new FaultSpec(FaultKind.OFFLINE, TinyRegistry.CHARGER, null, start, start + 10 * MINUTE, 0));
        List<Msg> all = Messages.play(b, start + 20 * MINUTE);
        assertThat(all).noneMatch(m -> m.ts() >= start && m.ts() < start + 10 * MINUTE);
        assertThat(all).anyMatch(m -> m.ts() >= start + 10 * MINUTE);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).json().get("seq").asLong()).isEqualTo(i);
        }
        assertThat(b.offlineAt(start + MINUTE)).isTrue();
        assertThat(b.offlineAt(start + 10 * MINUTE)).isFalse();
    }

    @Test
    void heartbeat_every90s_online() {
        ChargerBehaviour b = charger(EVENING, 4);
        List<Msg> status = Messages.play(b, EVENING + 30 * MINUTE).stream().filter(m -> m.on("status")).toList();
        assertThat(status).hasSizeBetween(19, 20);
        for (int i = 1; i < status.size(); i++) {
            assertThat(status.get(i).ts() - status.get(i - 1).ts()).isEqualTo(90_000);
            assertThat(status.get(i).json().get("state").asText()).isEqualTo("online");
        }
    }
}
