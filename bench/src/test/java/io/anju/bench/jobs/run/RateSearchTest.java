package io.anju.bench.jobs.run;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

import static org.assertj.core.api.Assertions.assertThat;

class RateSearchTest {
    private static List<Double> probes(RateSearch search, DoublePredicate holds) {
        List<Double> probed = new ArrayList<>();
        for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
            double rate = next.getAsDouble();
            probed.add(rate);
            search.record(rate, holds.test(rate));
        }
        return probed;
    }

    @Test
    void findsTheHighestRateHeld_toWithinTheResolution() {
        RateSearch search = new RateSearch(10_000, 80_000, 2_000);

        List<Double> probed = probes(search, rate -> rate <= 37_300);

        assertThat(probed.get(0)).isEqualTo(10_000);
        assertThat(probed).hasSizeLessThanOrEqualTo(8).doesNotContain(80_000.0);
        assertThat(search.highestPassed().getAsDouble()).isBetween(37_300 - 2_000.0, 37_300.0);
    }

    @Test
    void whenTheLowestRateFails_nothingElseIsProbed() {
        RateSearch search = new RateSearch(10_000, 80_000, 2_000);

        assertThat(probes(search, rate -> false)).containsExactly(10_000.0);
        assertThat(search.highestPassed()).isEmpty();
    }

    @Test
    void whenEverythingHolds_theTopOfTheRangeIsProbedToo() {
        RateSearch search = new RateSearch(10_000, 80_000, 2_000);

        List<Double> probed = probes(search, rate -> true);

        assertThat(probed).endsWith(80_000.0);
        assertThat(search.highestPassed().getAsDouble()).isEqualTo(80_000);
    }
}
