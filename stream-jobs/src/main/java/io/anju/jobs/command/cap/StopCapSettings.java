package io.anju.jobs.command.cap;

import java.io.Serializable;
import java.time.Duration;

/**
 * The cap on mass automatic cut-offs.
 *
 * @param perMinute automatic stops a compound may send within one minute of event time; more are held for a person
 *                  (default 3: a real fire stops one port per burning station, and spreads from station to station over
 *                  minutes; more than three in one minute in one compound is a pattern no single fire makes — a
 *                  firmware fault, a bad meter batch, a spoofed burst)
 */
public record StopCapSettings(int perMinute) implements Serializable {
    /** The span the cap counts over: a minute of event time (device time). */
    public static final Duration WINDOW = Duration.ofMinutes(1);

    public StopCapSettings {
        if (perMinute < 1 || perMinute > 1_000) {
            throw new IllegalArgumentException("--stop-cap must be 1..1000 (was " + perMinute + ")");
        }
    }

    public static StopCapSettings defaults() {
        return new StopCapSettings(3);
    }
}
