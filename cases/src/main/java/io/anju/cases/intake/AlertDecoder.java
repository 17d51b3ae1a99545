package io.anju.cases.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.anju.cases.json.CasesJson;
import io.anju.common.alert.Alert;

import java.io.IOException;

/**
 * Reads one record value of {@code anju.alerts} into an {@link Alert} and checks what the case system cannot do
 * without: the id and revision it deduplicates on, the dedup key that joins a case, the type that picks the
 * category, severity and status. (A missing location is the service's to handle: it routes by the device, or up the
 * chain.)
 */
public final class AlertDecoder {

    public DecodedAlert decode(byte[] value) {
        if (value == null || value.length == 0) {
            return new DecodedAlert.Invalid("empty", "empty record value");
        }
        Alert alert;
        try {
            alert = CasesJson.mapper().readValue(value, Alert.class);
        } catch (StreamReadException e) {
            return new DecodedAlert.Invalid("malformed_json", "not JSON: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return new DecodedAlert.Invalid("invalid_value", "not an alert: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new DecodedAlert.Invalid("malformed_json", "unreadable: " + e.getMessage());
        }
        if (alert == null) {
            return new DecodedAlert.Invalid("invalid_value", "not an alert: null");
        }
        String missing = missingField(alert);
        if (missing != null) {
            return new DecodedAlert.Invalid("missing_field", "alert without " + missing);
        }
        if (alert.revision() < 1) {
            return new DecodedAlert.Invalid("invalid_value", "alert revision must be ≥ 1 (was " + alert.revision() + ")");
        }
        return new DecodedAlert.Valid(alert);
    }

    private static String missingField(Alert a) {
        if (a.id() == null || a.id().isBlank()) {
            return "id";
        }
        if (a.dedupKey() == null || a.dedupKey().isBlank()) {
            return "dedupKey";
        }
        if (a.type() == null) {
            return "type";
        }
        if (a.severity() == null) {
            return "severity";
        }
        if (a.status() == null) {
            return "status";
        }
        return null;
    }
}
