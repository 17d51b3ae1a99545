package io.anju.bench.e2e;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Lag series as the sampler takes them: one sample a second, the load from second 0 to second 60. */
class LagSummaryTest {
    private static final long START = 1_796_000_000_000L;
    private static final long LOAD_FROM = START;
    private static final long LOAD_TO = START + 60_000;
    private static final long GOAL = 1_000;

    @Test
    void withinTheGoalEverySecondOfTheLoadIsMet() {
        LagSummary s = LagSummary.of(series(0, 61, 400), LOAD_FROM, LOAD_TO, GOAL);
        assertThat(s.verdict()).isEqualTo(LagSummary.Verdict.MET);
        assertThat(s.loadSamples()).isEqualTo(61);
        assertThat(s.shareWithinGoal()).isEqualTo(1.0);
        assertThat(s.load().p99()).isEqualTo(400);
        assertThat(s.longestAboveS()).isZero();
    }

    @Test
    void oneSecondAboveTheGoalIsNotMetAndTheLongestStretchIsCounted() {
        List<LagSummary.Sample> samples = series(0, 61, 300);
        samples.set(10, new LagSummary.Sample(samples.get(10).atMs(), 1_001));
        for (int i = 30; i < 34; i++) {
            samples.set(i, new LagSummary.Sample(samples.get(i).atMs(), 4_000));
        }
        LagSummary s = LagSummary.of(samples, LOAD_FROM, LOAD_TO, GOAL);
        assertThat(s.verdict()).isEqualTo(LagSummary.Verdict.NOT_MET);
        assertThat(s.withinGoal()).isEqualTo(56);
        assertThat(s.longestAboveS()).isEqualTo(4);
        assertThat(s.load().max()).isEqualTo(4_000);
        assertThat(E2eReport.lagVerdict(s)).isEqualTo("NOT MET (5 of 61 samples above, longest stretch 4 s)");
    }

    @Test
    void tooFewSamplesShowNothingEvenIfAllAreLow() {
        // The metric was missing for half the load (a restarting job, failed scrapes): no evidence for "throughout".
        LagSummary s = LagSummary.of(series(0, 30, 100), LOAD_FROM, LOAD_TO, GOAL);
        assertThat(s.verdict()).isEqualTo(LagSummary.Verdict.NOT_SHOWN);
        assertThat(LagSummary.of(List.of(), LOAD_FROM, LOAD_TO, GOAL).verdict())
                .isEqualTo(LagSummary.Verdict.NOT_SHOWN);
    }

    @Test
    void recoveredIsTheFirstOfFiveSamplesInARowUnderTheBoundAfterTheLoad() {
        List<LagSummary.Sample> samples = series(0, 61, 30_000);
        samples.addAll(series(61, 70, 20_000));
        samples.addAll(series(70, 72, 2_000));  // a dip of two samples is not recovery
        samples.addAll(series(72, 75, 8_000));
        samples.addAll(series(75, 90, 1_500));
        LagSummary s = LagSummary.of(samples, LOAD_FROM, LOAD_TO, 5_000);
        assertThat(s.recoveredAfterS()).isEqualTo(15.0);
        assertThat(s.drainMaxMs()).isEqualTo(20_000);
        assertThat(s.lastMs()).isEqualTo(1_500);
    }

    @Test
    void alreadyLowAtTheLoadsEndIsRecoveredAtOnceAndNeverLowIsNot() {
        List<LagSummary.Sample> low = series(0, 70, 800);
        assertThat(LagSummary.of(low, LOAD_FROM, LOAD_TO, GOAL).recoveredAfterS()).isZero();
        List<LagSummary.Sample> high = series(0, 70, 8_000);
        high.addAll(series(70, 74, 500));  // four low samples at the end: not yet five in a row
        assertThat(LagSummary.of(high, LOAD_FROM, LOAD_TO, GOAL).recoveredAfterS()).isEqualTo(-1);
    }

    /** Samples at seconds [from, to) of the run, each {@code lagMs}. */
    private static List<LagSummary.Sample> series(int from, int to, long lagMs) {
        List<LagSummary.Sample> out = new ArrayList<>();
        for (int s = from; s < to; s++) {
            out.add(new LagSummary.Sample(START + s * 1_000L, lagMs));
        }
        return out;
    }
}
