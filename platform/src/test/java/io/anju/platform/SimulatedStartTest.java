package io.anju.platform;

import io.anju.common.model.DistrictTime;
import io.anju.sim.clock.SimClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedStartTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void aFirstRun_startsAtTodaysEvening() {
        assertThat(SimulatedStart.next(OptionalLong.empty(), TODAY)).isEqualTo(at(TODAY, 17, 30));
    }

    @Test
    void aRunAfterAnOlderOne_startsAtTodaysEvening() {
        assertThat(SimulatedStart.next(OptionalLong.of(at(TODAY.minusDays(3), 23, 0)), TODAY))
                .isEqualTo(at(TODAY, 17, 30));
    }

    @Test
    void aSecondRunTheSameDay_startsTheNextEvening_soSimulatedTimeOnlyMovesForward() {
        assertThat(SimulatedStart.next(OptionalLong.of(at(TODAY, 19, 45)), TODAY))
                .isEqualTo(at(TODAY.plusDays(1), 17, 30));
    }

    @Test
    void aRunThatSimulatedPastMidnight_startsThatDaysEvening() {
        assertThat(SimulatedStart.next(OptionalLong.of(at(TODAY.plusDays(1), 3, 0)), TODAY))
                .isEqualTo(at(TODAY.plusDays(1), 17, 30));
    }

    @Test
    void theLastSimulatedTime_isKeptInTheDataDirectory(@TempDir Path dir) throws Exception {
        SimulatedStart start = new SimulatedStart(dir.resolve("sim-clock.txt"));
        assertThat(start.next(TODAY)).isEqualTo(at(TODAY, 17, 30));
        start.record(at(TODAY, 18, 10));
        assertThat(new SimulatedStart(dir.resolve("sim-clock.txt")).next(TODAY)).isEqualTo(at(TODAY.plusDays(1), 17, 30));

        Files.writeString(dir.resolve("sim-clock.txt"), "not a time");
        assertThat(start.next(TODAY)).as("an unreadable record falls back to today").isEqualTo(at(TODAY, 17, 30));
    }

    private static long at(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day.getYear(), day.getMonth(), day.getDayOfMonth(), hour, minute)
                .atZone(DistrictTime.ZONE).toInstant().toEpochMilli();
    }
}
