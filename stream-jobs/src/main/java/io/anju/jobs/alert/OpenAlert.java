package io.anju.jobs.alert;

import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.model.LocationChain;

import java.util.List;

/**
 * The keyed state of one open alert: enough to emit its next revision and to clear it.
 *
 * @param lastEmittedEventTs device time of the revision last emitted, for the refresh interval
 * @param facts              the facts of the revision last emitted (a clear repeats them)
 */
public record OpenAlert(String id, AlertType type, Severity severity, int revision, SourceKind sourceKind,
                        String sourceId, String deviceId, Integer port, LocationChain location, long firstEventTs,
                        long lastEventTs, long lastEmittedEventTs, String summary, String recommendedAction,
                        List<AlertFact> facts) {
}
