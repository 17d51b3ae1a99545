package io.anju.jobs.detect.crowd;

import io.anju.common.alert.Severity;

/**
 * Where a zone's occupancy trend leads: {@code nextLevel} is reached in {@code minutes} (0 when the count is
 * already there) at a rise of {@code slopePerMin} people per minute.
 *
 * @param thresholdPersons the occupancy at which the next level is reached
 * @param occupancy        the newest count, where the minutes are measured from
 */
public record CrowdForecast(Severity nextLevel, double minutes, double slopePerMin, double thresholdPersons,
                            int occupancy) {
}
