package io.anju.dashboards.live;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A crowd zone as {@code GET /api/crowd/zones} and the {@code zone} event show it. A zone whose counter has not
 * reported since the service started, nor in its twin ({@code anju.twin}), has zero figures, no {@code updatedAt} and
 * is stale.
 *
 * @param level       severity of the zone's open {@code crowd_density} alert, or {@code none}
 * @param forecastMin minutes to {@code nextLevel}, from the zone's open {@code crowd_forecast} alert
 * @param updatedAt   gateway receive time of the counter's latest reading, ISO-8601
 * @param stale       the counter has not been heard for {@code crowd.staleAfter}: the figures are those of
 *                    {@code updatedAt}, not live
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ZoneLive(String zoneId, int occupancy, double density, double share, double inPerMin, double outPerMin,
                       String level, Double forecastMin, String nextLevel, String updatedAt,
                       boolean stale) {
}
