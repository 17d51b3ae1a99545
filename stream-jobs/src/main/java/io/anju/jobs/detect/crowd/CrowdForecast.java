package io.anju.jobs.detect.crowd;

import io.anju.common.alert.Severity;

/**
 * Where a zone's occupancy trend leads: {@code nextLevel} is reached in {@code minutes} (0 when the fitted line is
 * already there) at a rise of {@code slopePerMin} people per minute.
 *
 * @param thresholdPersons the occupancy at which the next level is reached
 * @param fittedNow        the trend line's value at the newest reading
 */
public record CrowdForecast(Severity nextLevel, double minutes, double slopePerMin, double thresholdPersons,
                            double fittedNow) {
}
