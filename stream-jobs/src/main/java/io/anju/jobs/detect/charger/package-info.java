/**
 * Charger power detectors, each a keyed function over {@link io.anju.jobs.input.ChargerTelemetry} keyed by device
 * id, with its rule in a plain class:
 * <ul>
 *   <li>{@link io.anju.jobs.detect.charger.PortOverloadDetector}: a port above its limit (orange after 5 s, red with
 *       {@code stop_port} after 30 s or at 1.2 × the limit);
 *       {@link io.anju.jobs.detect.charger.PortOverloadWithEventsDetector} also takes the charger's overcurrent
 *       events as an earlier start.</li>
 *   <li>{@link io.anju.jobs.detect.charger.StationOverloadDetector}: the station total past the refuse line (yellow)
 *       or the limit (red), with hysteresis.</li>
 *   <li>{@link io.anju.jobs.detect.charger.IllegalLoadDetector}: a flat draw of 800 W or more for 20 minutes
 *       (orange).</li>
 * </ul>
 * The limits (port limit, refuse line, station limit) come from the registry with every reading; the settings
 * records hold the rest. Telemetry not newer than the newest already seen for the charger is dropped and counted
 * ({@code staleReadings}), so a late or repeated message never clears or restarts anything.
 */
package io.anju.jobs.detect.charger;
