package io.anju.cases.testing;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.model.LocationChain;

import java.time.Instant;
import java.util.List;

/** Alert records as the stream jobs emit them, built from the few fields a scenario varies. */
public final class Alerts {
    private Alerts() {
    }

    /** A port overload at a port of {@link TestPlaces#CHARGER}, with the location chain as the jobs enrich it. */
    public static Alert portOverload(int port, Severity severity, AlertStatus status, int revision, Instant firstEvent) {
        String source = Alert.portSourceId(TestPlaces.CHARGER, port);
        String key = Alert.dedupKey(AlertType.PORT_OVERLOAD, source);
        return new Alert(Alert.idFor(key, firstEvent.toEpochMilli()), key, AlertType.PORT_OVERLOAD, severity, status,
                revision, SourceKind.PORT, source, TestPlaces.CHARGER, port, TestPlaces.at(TestPlaces.COMPOUND),
                firstEvent.toEpochMilli(), firstEvent.toEpochMilli() + revision * 1000L,
                firstEvent.toEpochMilli() + revision * 1000L + 500, "Port " + port + " of " + TestPlaces.CHARGER + " draws "
                + (1000 + revision * 100) + " W", "stop_port",
                List.of(Evidence.portReading(firstEvent.toEpochMilli() + revision, TestPlaces.CHARGER, port, "powerW",
                        1000 + revision * 100, "W")),
                // the facts as the port-overload detector writes them
                List.of(AlertFact.against("powerW", 1000 + revision * 100, "W", 1000),
                        AlertFact.figure("overForS", revision * 10, "s")));
    }

    /**
     * A crowd warning of {@link TestPlaces#ZONE} in its successive revisions; {@code source} tells the zone's
     * warnings apart (one dedup key each), {@code firstEvent} its episodes (one alert id each).
     */
    public static Alert crowd(AlertType type, String source, Severity severity, AlertStatus status, int revision,
                              Instant firstEvent) {
        String key = Alert.dedupKey(type, source);
        long emitted = firstEvent.toEpochMilli() + revision * 1000L;
        return new Alert(Alert.idFor(key, firstEvent.toEpochMilli()), key, type, severity, status, revision,
                SourceKind.ZONE, source, TestPlaces.COUNTER, null, TestPlaces.at(TestPlaces.ZONE),
                firstEvent.toEpochMilli(), emitted, emitted + 500, type.wireName() + " " + severity.wireName() + " at "
                + source, null, List.of());
    }

    /** Any alert type from any source, with the location the jobs attached (possibly partial or null). */
    public static Alert of(AlertType type, Severity severity, SourceKind kind, String sourceId, String deviceId,
                           LocationChain location, Instant firstEvent) {
        String key = Alert.dedupKey(type, sourceId);
        return new Alert(Alert.idFor(key, firstEvent.toEpochMilli()), key, type, severity, AlertStatus.RAISED, 1, kind,
                sourceId, deviceId, null, location, firstEvent.toEpochMilli(), firstEvent.toEpochMilli(),
                firstEvent.toEpochMilli() + 200, type.wireName() + " at " + sourceId, null, List.of());
    }
}
