package io.anju.sim.clock;

import io.anju.common.model.DistrictTime;
import java.time.Instant;
import java.time.ZonedDateTime;

/** A rate that depends on the local hour of day, interpolated linearly between whole hours. */
public final class DayProfile {
    private final double[] byHour;

    private DayProfile(double[] byHour) {
        if (byHour.length != 24) {
            throw new IllegalArgumentException("a day profile needs 24 hourly values");
        }
        this.byHour = byHour.clone();
    }

    public static DayProfile of(double... byHour) {
        return new DayProfile(byHour);
    }

    /** The value at a simulated instant (local time in {@link SimClock#ZONE}). */
    public double at(long simMs) {
        ZonedDateTime t = Instant.ofEpochMilli(simMs).atZone(DistrictTime.ZONE);
        double hour = t.getHour() + t.getMinute() / 60.0 + t.getSecond() / 3600.0;
        int h0 = (int) Math.floor(hour) % 24;
        int h1 = (h0 + 1) % 24;
        double f = hour - Math.floor(hour);
        return byHour[h0] * (1 - f) + byHour[h1] * f;
    }

    public DayProfile scaled(double factor) {
        double[] v = byHour.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        return new DayProfile(v);
    }
}
