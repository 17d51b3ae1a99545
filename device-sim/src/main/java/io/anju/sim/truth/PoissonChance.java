package io.anju.sim.truth;

/** Tail chances of a Poisson-distributed count, computed in log space so that large means do not underflow. */
final class PoissonChance {
    /** Terms this much smaller than the sum so far end a tail sum. */
    private static final double NEGLIGIBLE = 1e-17;

    private PoissonChance() {
    }

    /** P(X >= k) for X ~ Poisson(mean). */
    static double atLeast(double mean, int k) {
        if (k <= 0) {
            return 1.0;
        }
        if (mean <= 0) {
            return 0.0;
        }
        if (k > mean) {
            return tail(mean, k, +1);
        }
        return Math.max(0.0, 1.0 - tail(mean, k - 1, -1));
    }

    /** The sum of P(X = i) from i = k away from the mode ({@code step} +1 upwards, -1 downwards to 0). */
    private static double tail(double mean, int k, int step) {
        double logMean = Math.log(mean);
        double logTerm = -mean + k * logMean - logFactorial(k);
        double sum = 0;
        for (int i = k; i >= 0; i += step) {
            double term = Math.exp(logTerm);
            sum += term;
            if (term <= NEGLIGIBLE * sum) {
                break;
            }
            logTerm += step > 0 ? logMean - Math.log(i + 1) : Math.log(i) - logMean;
            if (step < 0 && i == 0) {
                break;
            }
        }
        return Math.min(1.0, sum);
    }

    /** ln(n!): exact below 30, Stirling's series (error below 1e-10) above. */
    static double logFactorial(int n) {
        if (n < 30) {
            double f = 0;
            for (int i = 2; i <= n; i++) {
                f += Math.log(i);
            }
            return f;
        }
        double x = n;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
