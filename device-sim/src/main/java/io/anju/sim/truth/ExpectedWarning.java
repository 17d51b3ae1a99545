package io.anju.sim.truth;

import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;

/**
 * A warning the scenario's own behaviour may raise without any injected fault (a holiday crowd past a warning
 * line): a ground-truth line, so that scoring does not count it as a false alarm.
 *
 * @param warning  the alert type
 * @param sourceId the alert's source (the zone id for crowd warnings)
 * @param zoneId   the crowd zone
 * @param severity the highest severity it may reach
 * @param fromTs   simulated time (Unix ms) from which it may be raised
 * @param toTs     simulated time until which it may be raised
 */
public record ExpectedWarning(AlertType warning, String sourceId, String zoneId, Severity severity, long fromTs,
                              long toTs) {

    public ExpectedWarning {
        if (warning == null || sourceId == null || severity == null || toTs < fromTs) {
            throw new IllegalArgumentException("an expected warning needs a type, a source, a severity and "
                    + "fromTs <= toTs");
        }
    }
}
