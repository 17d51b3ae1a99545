package io.anju.bench.jobs.measure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LagTrendTest {
    private static final double RATE = 20_000;

    @Test
    void theSlope_isTheLeastSquaresLineThroughTheSamples() {
        // lag = 5,000 + 100 t, plus noise (+300, −300, 0, 0, −300, +300) that sums to 0, also weighted by t
        double[] t = {0, 1, 2, 3, 4, 5};
        long[] lag = {5_300, 4_800, 5_200, 5_300, 5_100, 5_800};

        LagTrend trend = LagTrend.of(t, lag);

        assertThat(trend.slopePerSecond()).isCloseTo(100.0, within(1e-9));
        assertThat(trend.startLag()).isEqualTo(5_300);
        assertThat(trend.endLag()).isEqualTo(5_800);
        assertThat(trend.maxLag()).isEqualTo(5_800);
        assertThat(trend.samples()).isEqualTo(6);
    }

    @Test
    void unevenlySpacedSamples_countAtTheirTimes() {
        LagTrend trend = LagTrend.of(new double[] {0, 0.5, 3, 10}, new long[] {0, 1_000, 6_000, 20_000});

        assertThat(trend.slopePerSecond()).isCloseTo(2_000.0, within(1e-9));
    }

    @Test
    void aLagThatStaysPut_isBounded() {
        LagTrend trend = LagTrend.of(new double[] {0, 1, 2, 3}, new long[] {900, 1_100, 900, 1_100});

        assertThat(trend.bounded(RATE)).isTrue();
        assertThat(trend.verdict(RATE)).isEqualTo("BOUNDED");
    }

    @Test
    void aLagGrowingBy1PercentOfTheRatePerSecond_isNotBounded() {
        LagTrend growing = LagTrend.of(new double[] {0, 1, 2}, new long[] {0, 200, 400});
        LagTrend justUnder = LagTrend.of(new double[] {0, 1, 2}, new long[] {0, 199, 398});

        assertThat(growing.bounded(RATE)).isFalse();
        assertThat(growing.verdict(RATE)).contains("growing");
        assertThat(justUnder.bounded(RATE)).isTrue();
    }

    @Test
    void aLagFallingFast_isBoundedWhenItEndsUnderOneSecondOfInput_notWhileStillBehind() {
        LagTrend drained = LagTrend.of(new double[] {0, 1, 2}, new long[] {60_000, 30_000, 3_000});
        LagTrend stillBehind = LagTrend.of(new double[] {0, 1, 2}, new long[] {90_000, 60_000, 30_000});

        assertThat(drained.bounded(RATE)).as("it reads faster than the rate").isTrue();
        assertThat(stillBehind.bounded(RATE)).isFalse();
        assertThat(stillBehind.verdict(RATE)).contains("over 1 s of input");
    }

    @Test
    void aFlatLagOfMoreThanOneSecondOfInput_isNotBounded() {
        LagTrend behind = LagTrend.of(new double[] {0, 1, 2}, new long[] {20_000, 20_000, 20_000});
        LagTrend justInside = LagTrend.of(new double[] {0, 1, 2}, new long[] {19_999, 19_999, 19_999});

        assertThat(behind.bounded(RATE)).isFalse();
        assertThat(behind.verdict(RATE)).contains("over 1 s of input");
        assertThat(justInside.bounded(RATE)).isTrue();
    }

    @Test
    void fewerThanTwoSamples_measureNoSlope_andAreNotBounded() {
        assertThat(LagTrend.of(new double[] {0}, new long[] {10}).bounded(RATE)).isFalse();
        assertThat(LagTrend.of(new double[0], new long[0]).verdict(RATE)).startsWith("not measured");
    }
}
