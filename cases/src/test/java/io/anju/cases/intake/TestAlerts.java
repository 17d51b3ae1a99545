package io.anju.cases.intake;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.model.LocationChain;

import java.util.List;

/** Alerts as the stream job writes them. */
final class TestAlerts {
    private TestAlerts() {
    }

    /**
     * Revision {@code revision} of the port-overload episode at {@code deviceId} port 3 that began at {@code first}
     * (the episode's id derives from key and start, as the stream job derives it).
     */
    static Alert portOverload(String deviceId, LocationChain where, long first, int revision, AlertStatus status,
                              Severity severity, long emittedAt) {
        return portOverload(deviceId, 3, where, first, revision, status, severity, emittedAt);
    }

    /** The same at port {@code port}: each port of a charger is a dedup key of its own. */
    static Alert portOverload(String deviceId, int port, LocationChain where, long first, int revision,
                              AlertStatus status, Severity severity, long emittedAt) {
        String sourceId = Alert.portSourceId(deviceId, port);
        String key = Alert.dedupKey(AlertType.PORT_OVERLOAD, sourceId);
        return new Alert(Alert.idFor(key, first), key, AlertType.PORT_OVERLOAD, severity, status, revision,
                SourceKind.PORT, sourceId, deviceId, port, where, first,
                Math.max(first, emittedAt - 1_000), emittedAt, "port " + port + " above 1,000 W", "stop_port",
                List.of());
    }
}
