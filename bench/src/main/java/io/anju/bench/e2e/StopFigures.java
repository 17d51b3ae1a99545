package io.anju.bench.e2e;

/**
 * The stops of one kind sent while measuring.
 *
 * @param toChargerMs  stop issued → at the probe charger (its command topic), ms
 * @param toReadingsMs stop issued → confirmed by readings, ms
 * @param toCaseMs     alert (automatic) or request (a person's) → the confirmation in the case's history, ms
 */
record StopFigures(int sent, Distribution toChargerMs, Distribution toReadingsMs, Distribution toCaseMs) {
}
