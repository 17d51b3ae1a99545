package io.anju.sim.behaviour;

import java.util.Random;

/**
 * The power an e-bike battery draws over one charge: a plateau at the start power (150–400 W), then an
 * exponential taper; "full" once it falls below the full threshold (20–45 W), after which the port floats at 20 W
 * for 45 minutes before the owner unplugs.
 */
public record ChargeCurve(double startW, double plateauMin, double tauMin, double fullW) {
    public static final double FLOAT_W = 20.0;
    public static final double FLOAT_MIN = 45.0;

    public static ChargeCurve random(Random rng) {
        return new ChargeCurve(Draws.between(rng, 150, 400), Draws.between(rng, 20, 90),
                Draws.between(rng, 40, 90), Draws.between(rng, 20, 45));
    }

    /** Power drawn {@code minutes} after plug-in while charging (before float). */
    public double powerAt(double minutes) {
        if (minutes <= plateauMin) {
            return startW;
        }
        return startW * Math.exp(-(minutes - plateauMin) / tauMin);
    }

    /** Minutes after plug-in at which the battery counts as full. */
    public double fullAtMin() {
        return plateauMin + tauMin * Math.log(startW / fullW);
    }

    /** Minutes after plug-in at which the owner unplugs (end of the float). */
    public double unplugAtMin() {
        return fullAtMin() + FLOAT_MIN;
    }
}
