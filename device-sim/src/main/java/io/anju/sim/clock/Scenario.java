package io.anju.sim.clock;

import io.anju.common.model.DistrictTime;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;

/**
 * A named day shape. {@code evening}: an ordinary weekday from late afternoon, chargers filling up for the
 * 18:00–23:00 peak. {@code holiday}: a public holiday, Beiyuanmen street crowded well past its usual peak.
 * {@code quiet}: the small hours, little traffic — a baseline for false-alarm rates.
 */
public enum Scenario {
    EVENING(LocalTime.of(17, 30), 1.0, 1.0),
    HOLIDAY(LocalTime.of(10, 0), 1.1, 1.5),
    QUIET(LocalTime.of(3, 0), 1.0, 1.0);

    private final LocalTime defaultStart;
    private final double chargingFactor;
    private final double visitorFactor;

    Scenario(LocalTime defaultStart, double chargingFactor, double visitorFactor) {
        this.defaultStart = defaultStart;
        this.chargingFactor = chargingFactor;
        this.visitorFactor = visitorFactor;
    }

    public static Scenario parse(String name) {
        for (Scenario s : values()) {
            if (s.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("--scenario must be evening, holiday or quiet, was '" + name + "'");
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Where the simulated clock starts by default: today (Xi'an time) at the scenario's hour. */
    public long defaultStartMs(LocalDate day) {
        return day.atTime(defaultStart).atZone(DistrictTime.ZONE).toInstant().toEpochMilli();
    }

    /** Multiplier on e-bike plug-in rates. */
    public double chargingFactor() {
        return chargingFactor;
    }

    /** Multiplier on Beiyuanmen street visitor numbers (the holiday surge). */
    public double visitorFactor() {
        return visitorFactor;
    }
}
