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

    /** A port overload at {@code deviceId} port 3 in compound {@code compound} of grid {@code grid}. */
    static Alert portOverload(String deviceId, String grid, String compound, int revision, AlertStatus status,
                              Severity severity, long emittedAt) {
        String sourceId = Alert.portSourceId(deviceId, 3);
        String key = Alert.dedupKey(AlertType.PORT_OVERLOAD, sourceId);
        long first = emittedAt - 5_000;
        return new Alert(Alert.idFor(key, first), key, AlertType.PORT_OVERLOAD, severity, status, revision,
                SourceKind.PORT, sourceId, deviceId, 3, new LocationChain("s1", "c1", grid, compound, null), first,
                emittedAt - 1_000, emittedAt, "port 3 above 1,000 W", "stop_port", List.of());
    }
}
