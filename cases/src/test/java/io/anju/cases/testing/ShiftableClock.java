package io.anju.cases.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The wall clock, moved by a test: time runs as usual (so retries and timers keep working) from wherever the test
 * last jumped it to. For whole-service tests; a {@link MutableClock} stands still between moves.
 */
public final class ShiftableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    /** From now on the clock reads {@code t} plus the time that passes after this call. */
    public void jumpTo(Instant t) {
        offset = Duration.between(Instant.now(), t);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
