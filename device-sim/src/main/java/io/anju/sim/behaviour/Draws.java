package io.anju.sim.behaviour;

import java.util.Random;

/** Random draws the behaviour models need, all from a seeded {@link Random}. */
public final class Draws {
    private Draws() {
    }

    /** A per-device generator: the same run seed and device id always give the same stream. */
    public static Random forDevice(long seed, String deviceId) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (int i = 0; i < deviceId.length(); i++) {
            h = (h ^ deviceId.charAt(i)) * 0x100000001B3L;
        }
        return new Random(h);
    }

    /** Poisson-distributed count; a normal approximation above a mean of 30 keeps it cheap for busy zones. */
    public static int poisson(Random rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = 1.0;
        int k = 0;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > limit);
        return k - 1;
    }

    /** True with the probability that a Poisson process of {@code ratePerHour} fires within {@code stepMs}. */
    public static boolean happens(Random rng, double ratePerHour, long stepMs) {
        double p = 1 - Math.exp(-ratePerHour * stepMs / 3_600_000.0);
        return rng.nextDouble() < p;
    }

    public static double between(Random rng, double lo, double hi) {
        return lo + rng.nextDouble() * (hi - lo);
    }
}
