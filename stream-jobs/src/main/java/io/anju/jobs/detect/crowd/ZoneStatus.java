package io.anju.jobs.detect.crowd;

import io.anju.common.alert.Severity;
import io.anju.common.model.LocationChain;

/**
 * A zone's figures after one reading, for the time-series history (InfluxDB, every 10 s): what the crowd rules
 * saw, including the forecast. Emitted on {@link CrowdDensityDetector#ZONE_STATUS}.
 *
 * @param occupancy          people in the zone (the counter's count)
 * @param density            persons per m²
 * @param capacityShare      occupancy / published capacity
 * @param level              the level the occupancy reaches now, null below blue
 * @param alertLevel         the severity of the open CROWD_DENSITY alert after hysteresis, null when none
 * @param nextLevel          the level the forecast is about, null without a rising trend
 * @param minutesToNextLevel minutes until {@code nextLevel} at the current trend, null without a rising trend
 * @param trendPerMin        least-squares trend of the occupancy, people per minute; null without enough history
 * @param inflowPerMin       crossings into the zone, people per minute
 * @param outflowPerMin      crossings out of the zone, people per minute
 * @param flowMismatch       the counter's count has disagreed with its in/out flows for several readings
 */
public record ZoneStatus(String zoneId, String deviceId, LocationChain location, long ts, int occupancy,
                         double density, double capacityShare, Severity level, Severity alertLevel,
                         Severity nextLevel, Double minutesToNextLevel, Double trendPerMin, double inflowPerMin,
                         double outflowPerMin, boolean flowMismatch) {
}
