package io.anju.sim.truth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PoissonChanceTest {

    @Test
    void smallMeans_haveTheirClosedForms() {
        assertThat(PoissonChance.atLeast(1.0, 1)).isCloseTo(1 - Math.exp(-1), within(1e-12));
        assertThat(PoissonChance.atLeast(2.0, 3)).isCloseTo(1 - 5 * Math.exp(-2), within(1e-12));
        assertThat(PoissonChance.atLeast(2.0, 0)).isEqualTo(1.0);
        assertThat(PoissonChance.atLeast(0.0, 1)).isZero();
    }

    @Test
    void largeMeans_agreeWithADirectSum_fromTheCentreToFarTails() {
        double mean = 600;
        for (int k : new int[] {500, 600, 650, 700, 760}) {
            assertThat(PoissonChance.atLeast(mean, k)).as("P(X >= %d)", k)
                    .isCloseTo(directUpperTail(mean, k), within(1e-9 * Math.max(1e-3, directUpperTail(mean, k))));
        }
        // Beyond what a direct sum can start from (e^-3000 underflows): about half of the mass is at or above the mean.
        assertThat(PoissonChance.atLeast(3000, 3000)).isCloseTo(0.5, within(0.01));
        assertThat(PoissonChance.atLeast(3000, 3300)).isLessThan(1e-6).isPositive();
    }

    @Test
    void logFactorial_isExactBelowThirty_andStirlingAbove() {
        assertThat(PoissonChance.logFactorial(5)).isCloseTo(Math.log(120), within(1e-12));
        double direct = 0;
        for (int i = 2; i <= 40; i++) {
            direct += Math.log(i);
        }
        assertThat(PoissonChance.logFactorial(40)).isCloseTo(direct, within(1e-9));
    }

    private static double directUpperTail(double mean, int k) {
        double p = Math.exp(-mean);
        for (int i = 1; i <= k; i++) {
            p *= mean / i;
        }
        double sum = 0;
        for (int i = k; p > 1e-300; i++) {
            sum += p;
            p *= mean / (i + 1);
        }
        return sum;
    }
}
