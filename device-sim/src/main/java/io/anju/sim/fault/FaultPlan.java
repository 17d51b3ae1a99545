package io.anju.sim.fault;

import io.anju.common.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** The faults of one run, sorted by start time. Written and read as JSON ({@code --faults FILE}). */
public record FaultPlan(long seed, String scenario, List<FaultSpec> faults) {

    public FaultPlan {
        faults = faults == null ? List.of()
                : faults.stream().sorted(Comparator.comparingLong(FaultSpec::startTs)
                        .thenComparing(FaultSpec::deviceId)).toList();
    }

    public static FaultPlan none() {
        return new FaultPlan(0, "none", List.of());
    }

    public List<FaultSpec> forDevice(String deviceId) {
        return faults.stream().filter(f -> f.deviceId().equals(deviceId)).toList();
    }

    public static FaultPlan read(Path file) {
        try {
            return Json.mapper().readValue(Files.readAllBytes(file), FaultPlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException("--faults: cannot read fault plan " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) {
        try {
            Files.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fault plan " + file, e);
        }
    }
}
