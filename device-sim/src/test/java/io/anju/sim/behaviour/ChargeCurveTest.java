package io.anju.sim.behaviour;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChargeCurveTest {

    @Test
    void charge_startsInVendorRange_tapersAfterPlateau_andIsFullBelowThreshold() {
        Random rng = new Random(3);
        for (int i = 0; i < 200; i++) {
            ChargeCurve c = ChargeCurve.random(rng);
            assertThat(c.startW()).isBetween(150.0, 400.0);
            assertThat(c.fullW()).isBetween(20.0, 45.0);
            assertThat(c.powerAt(0)).isEqualTo(c.startW());
            double previous = c.powerAt(c.plateauMin());
            for (double m = c.plateauMin() + 5; m < c.fullAtMin(); m += 5) {
                double p = c.powerAt(m);
                assertThat(p).isLessThan(previous);
                previous = p;
            }
            assertThat(c.powerAt(c.fullAtMin())).isCloseTo(c.fullW(), within(0.01));
            assertThat(c.unplugAtMin() - c.fullAtMin()).isCloseTo(ChargeCurve.FLOAT_MIN, within(1e-9));
        }
    }
}
