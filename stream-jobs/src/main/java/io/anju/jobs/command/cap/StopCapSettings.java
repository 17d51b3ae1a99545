package io.anju.jobs.command.cap;

import io.anju.common.config.ConfigValues;
import io.anju.common.config.Setting;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

import static io.anju.common.config.Setting.integer;

/**
 * The cap on mass automatic cut-offs. Settings and bounds: {@link #SETTINGS}.
 *
 * @param perMinute automatic stops a compound may send within one minute of event time; more are held for a person
 *                  (default 3: a real fire stops one port per burning station, and spreads from station to station over
 *                  minutes; more than three in one minute in one compound is a pattern no single fire makes — a
 *                  firmware fault, a bad meter batch, a spoofed burst)
 */
public record StopCapSettings(int perMinute) implements Serializable {
    /** The span the cap counts over: a minute of event time (device time). */
    public static final Duration WINDOW = Duration.ofMinutes(1);

    public static final List<Setting> SETTINGS = List.of(
            integer("autoStop.cap", 3, 1, 1_000, "Automatic stops a compound may send within a minute of event time; more are held for a person under one mass_cutoff_held alert (flag --stop-cap)"));

    public static StopCapSettings from(ConfigValues v) {
        return new StopCapSettings(v.i("autoStop.cap"));
    }

    public static StopCapSettings defaults() {
        return from(ConfigValues.defaults(SETTINGS));
    }
}
