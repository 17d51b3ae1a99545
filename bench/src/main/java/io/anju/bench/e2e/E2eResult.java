package io.anju.bench.e2e;

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
 * @param kafkaRecords       records added to {@code anju.telemetry.charger} during the load (the case probe's few
 *                           readings included)
 * @param kafkaPerSec        {@code kafkaRecords} per second of load
 * @param gatewayForwarded   messages the gateway counted as written to Kafka during the load (all types: the
 *                           probes' readings too)
 * @param timeline           records/s into the charger topic, per sampled interval: [seconds since start, rate]
 * @param lags               the jobs' lag gauges, sampled every second
 * @param groups             the jobs' consumer groups: records not committed at the load's end, and when they were
 * @param stored             what the history job stored of the load's devices
 * @param cases              the case probe: device publish → alert → case
 * @param probe              the dashboard latency probe
 * @param liveEvents         events the viewer received on {@code /api/live}, by name
 * @param usages             CPU and memory of the platform and the load JVMs
 * @param machine            the whole machine over the load
 */
record E2eResult(Instant loadStart, Instant loadEnd, LoadOutput.Connections connections, LoadOutput.Totals totals,
                 LoadOutput.PubAck pubAck, double steadyAckedPerSec, double steadySeconds, long kafkaRecords,
                 double kafkaPerSec, long gatewayForwarded, List<double[]> timeline, Lags lags, Groups groups,
                 Stored stored, CaseFigures cases, ZoneProbe.Result probe, Map<String, Long> liveEvents,
                 List<ProcessSampler.Usage> usages, ProcessSampler.Machine machine) {

    /**
     * @param alerting the alerting job's {@code receiveLagMs}
     * @param history  the history job's chargers' sink {@code historyLagMs}
     * @param scrapes  scrapes taken (one a second from the load's start to the end of the drain)
     * @param failures scrapes that failed
     * @param drainS   seconds sampled after the load
     */
    record Lags(LagSummary alerting, LagSummary history, int scrapes, long failures, double drainS) {
    }

    /**
     * @param alertsBehindAtEnd  charger records the alerting job had not committed when the load ended
     * @param historyBehindAtEnd the same for the history job
     * @param alertsCaughtUpS    seconds after the load's end until the alerting job had committed every record; -1
     *                           when it had not within the drain timeout
     * @param historyCaughtUpS   the same for the history job
     * @param historyCommitted   charger records of the run the history job had committed when counting
     */
    record Groups(long alertsBehindAtEnd, long historyBehindAtEnd, double alertsCaughtUpS, double historyCaughtUpS,
                  long historyCommitted) {
    }

    /**
     * @param loadRecords   records of the load's devices in the charger topic, read back
     * @param sameMillis    of them, records repeating their device's previous event time to the millisecond: each
     *                      overwrites the InfluxDB point of the one before it
     * @param stationPoints {@code charger_station} points of the load's devices in the run's window
     * @param portReadings  port readings of the load's devices counted in the {@code charger_port_minute} figures of
     *                      the run's minutes
     */
    record Stored(long loadRecords, long sameMillis, long stationPoints, long portReadings) {
    }

    /**
     * @param chargers      the district chargers the probe played
     * @param summary       its readings sent during the load, matched to alert revisions and case changes
     * @param pubAck        the probe's own PUBACK latency during the load, ms
     * @param published     probe readings published in all (warm-up and drain included)
     * @param sendFailures  publishes that failed
     * @param pollFailures  case service polls that failed
     * @param stops         the stop probe: automatic and people's {@code stop_port} → confirmed by readings → in
     *                      the case
     */
    record CaseFigures(int chargers, ProbeLedger.Summary summary, Distribution pubAck, long published,
                       long sendFailures, long pollFailures, StopResult stops) {
    }
}
