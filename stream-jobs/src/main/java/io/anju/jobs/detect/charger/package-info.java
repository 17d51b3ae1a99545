/**
 * Charger power detectors, each a part of the per-device detectors ({@link io.anju.jobs.detect.DeviceDetectors})
 * over {@link io.anju.jobs.input.ChargerTelemetry}, with its rule in a plain class:
 * <ul>
 *   <li>{@link io.anju.jobs.detect.charger.PortOverloadTracker}: a port above its limit (orange after 5 s, red with
 *       {@code stop_port} after 30 s or at 1.2 × the limit); the charger's overcurrent events count as an earlier
 *       start.</li>
 *   <li>{@link io.anju.jobs.detect.charger.StationOverloadTracker}: the station total past the refuse line (yellow)
 *       or the limit (red), with hysteresis.</li>
 *   <li>{@link io.anju.jobs.detect.charger.IllegalLoadTracker}: a flat draw of 800 W or more for 20 minutes
 *       (orange).</li>
 * </ul>
 * The limits (port limit, refuse line, station limit) come from the registry with every reading; the settings
 * records hold the rest. Telemetry not newer than the newest already seen for the charger is dropped and counted
 * ({@code staleReadings}, {@link io.anju.jobs.detect.charger.NewestReading}), so a late or repeated message never
 * clears or restarts anything.
 */
package io.anju.jobs.detect.charger;
