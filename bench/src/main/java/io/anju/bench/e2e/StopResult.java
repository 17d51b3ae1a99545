package io.anju.bench.e2e;

import java.util.List;

/**
 * What the {@link StopProbe} saw while measuring.
 *
 * @param missed   each stop not confirmed (by readings, or in the case) in words, for the report
 * @param early    each stop confirmed by a reading from before it reached the charger, in words (left out of
 *                 the figures)
 * @param retried  {@code retried} confirmations (the first stop did not show in the readings within the job's bound)
 * @param refused  people's stops the case service did not take
 * @param withheld automatic stops the compound's cap held
 */
record StopResult(StopFigures automatic, StopFigures person, List<String> missed, List<String> early, int retried,
                  int refused, int withheld, int resumesRefused) {
    int sent() {
        return automatic.sent() + person.sent();
    }

    int confirmedInCase() {
        return automatic.toCaseMs().n() + person.toCaseMs().n();
    }
}
