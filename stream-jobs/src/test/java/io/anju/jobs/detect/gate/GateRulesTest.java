package io.anju.jobs.detect.gate;

import io.anju.jobs.config.JobsConfig;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GateRulesTest {
    static final long QUIET = Duration.ofMinutes(10).toMillis();

    private final DeniedBurst rule = new DeniedBurst(GateSettings.defaults());

    private static Denial at(long s) {
        return new Denial(s * 1000, "face", "resident", null);
    }

    private List<Denial> denialsAt(long... seconds) {
        List<Denial> list = new ArrayList<>();
        for (long s : seconds) {
            list = rule.add(list, at(s));
        }
        return list;
    }

    @Test
    void aLateDenialCompletesTheBurstWhereItHappened() {
        List<Denial> list = denialsAt(0, 10, 20, 40);
        assertThat(rule.burstWith(list, 40_000)).isEmpty();

        list = rule.add(list, at(30));

        assertThat(list).extracting(Denial::ts).containsExactly(0L, 10_000L, 20_000L, 30_000L, 40_000L);
        assertThat(rule.burstWith(list, 30_000)).hasSize(5);
    }

    @Test
    void denialsOutsideTheWindowOfTheNewestAreDropped() {
        assertThat(denialsAt(0, 10, 100)).extracting(Denial::ts).containsExactly(100_000L);
    }

    @Test
    void keptDenialsAreBounded() {
        List<Denial> list = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            list = rule.add(list, new Denial(i, "card", "resident", null));
        }
        assertThat(list).hasSize(DeniedBurst.MAX_KEPT);
        assertThat(list.get(list.size() - 1).ts()).isEqualTo(199);
    }

    @Test
    void aPassRemovesTheDenialsUpToItsTime() {
        assertThat(DeniedBurst.afterPass(denialsAt(0, 10, 20), 10_000)).extracting(Denial::ts)
                .containsExactly(20_000L);
    }

    @Test
    void episodesRaiseExtendAndRecogniseLateEvents() {
        assertThat(Episode.step(null, 0, QUIET)).isEqualTo(Episode.Step.RAISE);
        Episode open = Episode.begin(60_000).extend(0);
        assertThat(open).isEqualTo(new Episode(0, 60_000, 2, true));
        assertThat(Episode.step(open, 1, QUIET)).isEqualTo(Episode.Step.EXTEND);
        assertThat(open.quietBy(60_000 + QUIET - 1, QUIET)).isFalse();
        assertThat(open.quietBy(60_000 + QUIET, QUIET)).isTrue();
        Episode closed = open.closed();
        assertThat(Episode.step(closed, 60_000 + QUIET - 1, QUIET)).isEqualTo(Episode.Step.LATE);
        assertThat(Episode.step(closed, 60_000 + QUIET, QUIET)).isEqualTo(Episode.Step.RAISE);
    }

    @Test
    void settingsDefaultsAndValidation() {
        GateSettings d = GateSettings.defaults();
        assertThat(d.quietPeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.deniedBurst()).isEqualTo(5);
        assertThat(d.deniedWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> JobsConfig.of(Map.of("detect.gate.deniedBurst", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting detect.gate.deniedBurst (ANJU_JOBS_DETECT_GATE_DENIED_BURST) = '1': must be between 2 and 1000");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("detect.gate.quietPeriod", "0s")))
                .hasMessageStartingWith("setting detect.gate.quietPeriod (ANJU_JOBS_DETECT_GATE_QUIET_PERIOD) = '0s'");
        assertThat(JobsConfig.of(Map.of("detect.gate.deniedWindow", "2m")).settings().detectors().gate().deniedWindow())
                .isEqualTo(Duration.ofMinutes(2));
    }

    /** Kept in keyed state: POJO serializers (not Kryo) keep checkpoints compact and the schema evolvable. */
    @Test
    void theStateRecordsArePojosForFlink() {
        assertThat(TypeInformation.of(Episode.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(Denial.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
