package io.anju.jobs.command;

import java.io.Serializable;
import java.time.Duration;

/**
 * How an automatic {@code stop_port} is confirmed by the charger's own readings.
 *
 * @param within   event time after a stop (or its retry) by which a reading must show the port off; then it is sent
 *                 again (default 60 s, 12 reports of a charger; scale it up with a simulator's speed, since the command
 *                 itself travels in real time)
 * @param belowW   a port at or below this power counts as off (default 10 W: a stopped port's standby draw)
 * @param attempts stops sent in all before the port is reported {@code stop_unconfirmed} (default 3)
 */
public record StopConfirmSettings(Duration within, double belowW, int attempts) implements Serializable {

    public StopConfirmSettings {
        if (within == null || within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException("--stop-confirm-within must be > 0 (was " + within + ")");
        }
        if (!(belowW >= 0 && belowW <= 1_000)) {
            throw new IllegalArgumentException("--stop-confirm-below-w must be 0..1000 (was " + belowW + ")");
        }
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("--stop-attempts must be 1..10 (was " + attempts + ")");
        }
    }

    public static StopConfirmSettings defaults() {
        return new StopConfirmSettings(Duration.ofSeconds(60), 10, 3);
    }

    public StopConfirmSettings withWithin(Duration value) {
        return new StopConfirmSettings(value, belowW, attempts);
    }
}
