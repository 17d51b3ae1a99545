package io.anju.cases.supervise;

import java.time.Duration;

/**
 * How overdue cases are chased.
 *
 * @param remindEvery   reminders while a case is overdue: the first at the deadline, then one per span (default PT15M)
 * @param escalateAfter each further span past the deadline escalates the case one level up the chain, grid →
 *                      community → sub-district → district (default PT30M)
 * @param interval      how often the service runs supervision (default PT10S)
 * @param batch         at most this many due cases per run (default 200, 1–10000)
 */
public record SupervisionSettings(Duration remindEvery, Duration escalateAfter, Duration interval, int batch) {

    public static final Duration DEFAULT_REMIND_EVERY = Duration.ofMinutes(15);
    public static final Duration DEFAULT_ESCALATE_AFTER = Duration.ofMinutes(30);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final int DEFAULT_BATCH = 200;

    public SupervisionSettings {
        positive("supervision.remindEvery", remindEvery);
        positive("supervision.escalateAfter", escalateAfter);
        positive("supervision.interval", interval);
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException("supervision.batch must be 1..10000 (was " + batch + ")");
        }
    }

    public static SupervisionSettings defaults() {
        return new SupervisionSettings(DEFAULT_REMIND_EVERY, DEFAULT_ESCALATE_AFTER, DEFAULT_INTERVAL, DEFAULT_BATCH);
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be > 0 (was " + d + ")");
        }
    }
}
