package io.anju.jobs.command;

import io.anju.common.config.ConfigValues;
import io.anju.common.config.Setting;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

import static io.anju.common.config.Setting.decimal;
import static io.anju.common.config.Setting.duration;
import static io.anju.common.config.Setting.integer;

/**
 * How an automatic {@code stop_port} is confirmed by the charger's own readings. Settings and bounds:
 * {@link #SETTINGS}.
 *
 * @param within   event time after a stop (or its retry) by which a reading must show the port off; then it is sent
 *                 again (default 60 s, 12 reports of a charger; scale it up with a simulator's speed, since the command
 *                 itself travels in real time)
 * @param belowW   a port at or below this power counts as off (default 10 W: a stopped port's standby draw)
 * @param attempts stops sent in all before the port is reported {@code stop_unconfirmed} (default 3)
 */
public record StopConfirmSettings(Duration within, double belowW, int attempts) implements Serializable {
    public static final List<Setting> SETTINGS = List.of(
            duration("autoStop.confirmWithin", "60s", "1s", "24h", "Event time an automatic stop has to show the port off in its readings before it is sent again (scale it up with a simulator's speed; flag --stop-confirm-within)"),
            decimal("autoStop.confirmBelowW", 10, 0, 1_000, "A stopped port at or below this power (W) counts as off (flag --stop-confirm-below-w)"),
            integer("autoStop.attempts", 3, 1, 10, "Stops sent in all before the port raises stop_unconfirmed (flag --stop-attempts)"));

    public static StopConfirmSettings from(ConfigValues v) {
        return new StopConfirmSettings(v.d("autoStop.confirmWithin"), v.dbl("autoStop.confirmBelowW"),
                v.i("autoStop.attempts"));
    }

    public static StopConfirmSettings defaults() {
        return from(ConfigValues.defaults(SETTINGS));
    }

    public StopConfirmSettings withWithin(Duration value) {
        return new StopConfirmSettings(value, belowW, attempts);
    }
}
