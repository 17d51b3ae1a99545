package io.anju.platform.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one run measured.
 *
 * @param loadStart          wall clock when the load started publishing (its connections were up)
 * @param loadEnd            wall clock when the load ended
 * @param connections        the load's connection report
 * @param totals             the load's final count (sent, acknowledged, errors)
 * @param pubAck             PUBACK latency as the load saw it
 * @param steadyAckedPerSec  acknowledged/s from the load's progress lines, leaving out the first stretch
 * @param steadySeconds      the stretch {@code steadyAckedPerSec} covers
 * @param kafkaRecords       records added to {@code anju.telemetry.charger} during the load
 * @param kafkaPerSec        {@code kafkaRecords} per second of load
 * @param gatewayForwarded   messages the gateway counted as written to Kafka during the load (all types: the
 *                           probe's crowd readings too)
 * @param timeline           records/s into the charger topic, per sampled interval: [seconds since start, rate]
 * @param alertsLagAtEnd     charger records the alerting job had not committed when the load ended
 * @param historyLagAtEnd    the same for the history job
 * @param alertsCaughtUpS    seconds after the load's end until the alerting job had committed every record; -1 when it
 *                           had not within the drain timeout
 * @param historyCaughtUpS   the same for the history job
 * @param historyCommitted   charger records of the run the history job had committed when counting
 * @param sameMillis         records repeating their device's previous event time to the millisecond: each overwrites
 *                           the InfluxDB point of the one before it
 * @param stationPoints      {@code charger_station} points in the run's window
 * @param portReadings       port readings counted in the {@code charger_port_minute} figures of the run's minutes
 * @param probe              the dashboard latency probe
 * @param liveEvents         events the viewer received on {@code /api/live}, by name
 * @param usages             CPU and memory of the platform and the load JVMs
 * @param machine            the whole machine over the load
 */
record E2eResult(Instant loadStart, Instant loadEnd, LoadOutput.Connections connections, LoadOutput.Totals totals,
                 LoadOutput.PubAck pubAck, double steadyAckedPerSec, double steadySeconds, long kafkaRecords,
                 double kafkaPerSec, long gatewayForwarded, List<double[]> timeline, long alertsLagAtEnd,
                 long historyLagAtEnd, double alertsCaughtUpS, double historyCaughtUpS, long historyCommitted,
                 long sameMillis, long stationPoints,
                 long portReadings, ZoneProbe.Result probe, Map<String, Long> liveEvents,
                 List<ProcessSampler.Usage> usages, ProcessSampler.Machine machine) {
}
