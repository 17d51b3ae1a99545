package io.anju.bench.jobs.run;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a run is built from.
 *
 * @param workDir            broker, registry and checkpoints live here during a run (deleted after it)
 * @param loadChargers       load chargers added to the Lianhu registry, dealt over every charger compound
 * @param seed               seed of the registry and of the traffic
 * @param parallelism        the job's operator parallelism
 * @param checkpointInterval the job's checkpoint interval; null: the job's default
 * @param bufferTimeout      Flink's network buffer timeout; null: the job's default
 * @param compression        the load producer's Kafka compression ({@code lz4} as the gateway's, or {@code none})
 */
public record RunConfig(Path workDir, int loadChargers, long seed, int parallelism, Duration checkpointInterval,
                        Duration bufferTimeout, String compression) {
}
