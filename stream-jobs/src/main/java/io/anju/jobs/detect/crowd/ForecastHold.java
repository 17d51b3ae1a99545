package io.anju.jobs.detect.crowd;

/**
 * Hysteresis of the forecast alert in readings: it is raised after {@code holdReadings} consecutive readings
 * that predict a level within the horizon, and cleared after as many that do not.
 *
 * <p>A Flink POJO (public fields, no-arg constructor) kept in keyed state.
 */
public final class ForecastHold {
    /** Consecutive readings with a prediction within the horizon. */
    public int hits;
    /** Consecutive readings without one. */
    public int misses;

    public ForecastHold() {
    }

    /** Takes one reading's verdict; true while the forecast alert should be open. */
    public boolean observe(boolean predicts, boolean open, int holdReadings) {
        if (predicts) {
            hits++;
            misses = 0;
            return open || hits >= holdReadings;
        }
        misses++;
        hits = 0;
        return open && misses < holdReadings;
    }
}
