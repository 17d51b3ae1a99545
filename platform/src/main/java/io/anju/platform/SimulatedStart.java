package io.anju.platform;

import io.anju.common.model.DistrictTime;
import io.anju.sim.clock.SimClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.OptionalLong;

/**
 * Where the demo's simulated clock starts: at the evening's first hour (17:30 Xi'an time) of today, or — when an
 * earlier run already simulated past that — of the first later day. Simulated time so only moves forward across
 * runs: the jobs continue from their savepoint with device times newer than anything in their state.
 */
public final class SimulatedStart {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedStart.class);

    private final Path file;

    /** @param file where the last simulated time of a run is kept (epoch milliseconds, one line) */
    public SimulatedStart(Path file) {
        this.file = file;
    }

    public long next(LocalDate today) {
        return next(last(), today);
    }

    static long next(OptionalLong lastSimMs, LocalDate today) {
        long todays = DemoScenario.DAY_SHAPE.defaultStartMs(today);
        if (lastSimMs.isEmpty() || lastSimMs.getAsLong() < todays) {
            return todays;
        }
        LocalDate day = Instant.ofEpochMilli(lastSimMs.getAsLong()).atZone(DistrictTime.ZONE).toLocalDate();
        long candidate = DemoScenario.DAY_SHAPE.defaultStartMs(day);
        return candidate > lastSimMs.getAsLong() ? candidate : DemoScenario.DAY_SHAPE.defaultStartMs(day.plusDays(1));
    }

    /** The last simulated time recorded; empty when there is none or it cannot be read (then today's evening). */
    public OptionalLong last() {
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            LOG.warn("cannot read the last simulated time from {} ({}); starting at today's evening", file, e.toString());
            return OptionalLong.empty();
        }
    }

    public void record(long simMs) {
        try {
            Files.writeString(file, Long.toString(simMs) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot record the last simulated time in {}: {}", file, e.toString());
        }
    }
}
