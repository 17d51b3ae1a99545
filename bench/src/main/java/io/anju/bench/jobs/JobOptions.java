package io.anju.bench.jobs;

import io.anju.bench.jobs.run.RunConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The options every phase shares: the registry, the job's knobs, the seed and the scratch directory. */
final class JobOptions {
    @Option(names = "--load-chargers", defaultValue = "10000",
            description = "Load chargers added to the Lianhu registry, dealt over every charger compound "
                    + "(default: ${DEFAULT-VALUE}).")
    int loadChargers;
    @Option(names = "--parallelism", defaultValue = "2",
            description = "The job's parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;
    @Option(names = "--checkpoint-ms", description = "Checkpoint interval (default: the job's, 10,000).")
    Long checkpointMs;
    @Option(names = "--buffer-timeout-ms", description = "Flink network buffer timeout (default: the job's, 5).")
    Long bufferTimeoutMs;
    @Option(names = "--compression", defaultValue = "lz4",
            description = "The load producer's Kafka compression: lz4 as the gateway's, or none, zstd, snappy, gzip "
                    + "(default: ${DEFAULT-VALUE}).")
    String compression;
    @Option(names = "--seed", defaultValue = "7",
            description = "Seed of the registry and the traffic (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--work-dir", defaultValue = "target/bench-work",
            description = "Broker, registry and checkpoints of a run, deleted after it (default: ${DEFAULT-VALUE}).")
    Path workDir;

    RunConfig config() {
        return new RunConfig(workDir, loadChargers, seed, parallelism,
                checkpointMs == null ? null : Duration.ofMillis(checkpointMs),
                bufferTimeoutMs == null ? null : Duration.ofMillis(bufferTimeoutMs), compression);
    }

    /** These options as arguments, for a child JVM that must run with the same. */
    List<String> arguments() {
        List<String> a = new ArrayList<>(List.of("--load-chargers", String.valueOf(loadChargers), "--parallelism",
                String.valueOf(parallelism), "--seed", String.valueOf(seed), "--work-dir", workDir.toString(),
                "--compression", compression));
        if (checkpointMs != null) {
            a.addAll(List.of("--checkpoint-ms", String.valueOf(checkpointMs)));
        }
        if (bufferTimeoutMs != null) {
            a.addAll(List.of("--buffer-timeout-ms", String.valueOf(bufferTimeoutMs)));
        }
        return a;
    }
}
