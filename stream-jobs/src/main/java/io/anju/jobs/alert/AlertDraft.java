package io.anju.jobs.alert;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.model.LocationChain;

import java.util.List;

/**
 * What a detector says about a condition right now; {@link AlertBook} turns it into a raise, an update or nothing.
 *
 * @param eventTs device time of the reading that this draft is based on
 * @param facts   the condition's figures and words, which readers render in their language ({@link AlertFact})
 */
public record AlertDraft(AlertType type, Severity severity, SourceKind sourceKind, String sourceId, String deviceId,
                         Integer port, LocationChain location, long eventTs, String summary, String recommendedAction,
                         List<Evidence> evidence, List<AlertFact> facts) {

    public String dedupKey() {
        return Alert.dedupKey(type, sourceId);
    }

    /** A draft about one device. */
    public static AlertDraft device(AlertType type, Severity severity, String deviceId, LocationChain location,
                                    long eventTs, String summary, String action, List<Evidence> evidence,
                                    List<AlertFact> facts) {
        return new AlertDraft(type, severity, SourceKind.DEVICE, deviceId, deviceId, null, location, eventTs, summary,
                action, evidence, facts);
    }

    /** A draft about one port of a charger. */
    public static AlertDraft port(AlertType type, Severity severity, String deviceId, int port, LocationChain location,
                                  long eventTs, String summary, String action, List<Evidence> evidence,
                                    List<AlertFact> facts) {
        return new AlertDraft(type, severity, SourceKind.PORT, Alert.portSourceId(deviceId, port), deviceId, port,
                location, eventTs, summary, action, evidence, facts);
    }

    /** A draft about a crowd zone. */
    public static AlertDraft zone(AlertType type, Severity severity, String zoneId, LocationChain location,
                                  long eventTs, String summary, String action, List<Evidence> evidence,
                                    List<AlertFact> facts) {
        return new AlertDraft(type, severity, SourceKind.ZONE, zoneId, null, null, location, eventTs, summary, action,
                evidence, facts);
    }
}
