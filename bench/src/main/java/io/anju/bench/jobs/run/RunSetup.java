package io.anju.bench.jobs.run;

import io.anju.bench.jobs.traffic.Traffic;
import io.anju.jobs.config.JobsSettings;

/**
 * What a run ran, for the report: the job's knobs and the traffic's shape. Plain values, so that a probe of the rate
 * search can send it back as JSON.
 *
 * @param chargerCompounds the compounds the load chargers stand in
 * @param devices          devices sending (load chargers, the registry's crowd counters and gates)
 * @param chargerShare     charger telemetry's share of the messages
 * @param overloadEvery    one charger reading in this many overloads a port
 * @param inputPartitions  partitions of the job's input topics
 */
public record RunSetup(int parallelism, long checkpointMs, long bufferTimeoutMs, String stateBackend,
                       int loadChargers, long chargerCompounds, long devices, double chargerShare, int overloadEvery,
                       int inputPartitions, String compression) {

    static RunSetup of(JobsSettings s, int loadChargers, Traffic traffic, int overloadEvery, int inputPartitions,
                       String compression) {
        return new RunSetup(s.parallelism(), s.checkpointInterval().toMillis(), s.bufferTimeout().toMillis(),
                s.stateBackend(), loadChargers, traffic.chargerCompounds(), traffic.devices(), traffic.chargerShare(),
                overloadEvery, inputPartitions, compression);
    }
}
