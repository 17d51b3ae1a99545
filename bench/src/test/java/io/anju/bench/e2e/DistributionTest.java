package io.anju.bench.e2e;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DistributionTest {

    @Test
    void percentilesAreNearestRankSoAlwaysAMeasuredValue() {
        double[] hundred = IntStream.rangeClosed(1, 100).mapToDouble(i -> i).toArray();
        Distribution d = Distribution.of(hundred);
        assertThat(d.n()).isEqualTo(100);
        assertThat(d.p50()).isEqualTo(50);
        assertThat(d.p90()).isEqualTo(90);
        assertThat(d.p99()).isEqualTo(99);
        assertThat(d.max()).isEqualTo(100);
        // Ten values: p99 is the largest, not an interpolation below it.
        assertThat(Distribution.of(new double[]{5, 1, 9, 2, 8, 3, 7, 4, 6, 10}).p99()).isEqualTo(10);
        assertThat(Distribution.of(new double[]{42}).p50()).isEqualTo(42);
        assertThat(Distribution.of(new double[0])).isEqualTo(Distribution.EMPTY);
    }
}
