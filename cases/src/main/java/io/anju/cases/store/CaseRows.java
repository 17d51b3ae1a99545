package io.anju.cases.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.anju.cases.json.CasesJson;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.Level;
import io.anju.cases.model.Origin;
import io.anju.cases.model.ResponseLevel;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.model.LocationChain;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps rows of {@code cases} and {@code case_events} to the model, and model values to SQL parameters. */
public final class CaseRows {
    private static final TypeReference<List<Evidence>> EVIDENCE = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() { };
    private static final TypeReference<List<AlertFact>> FACTS = new TypeReference<>() { };

    private CaseRows() {
    }

    public static CaseRecord toRecord(Row r) {
        LocationChain location = new LocationChain(r.getString("sub_district_id"), r.getString("community_id"),
                r.getString("grid_id"), r.getString("compound_id"), r.getString("zone_id"));
        String alertType = r.getString("alert_type");
        String alertStatus = r.getString("alert_status");
        String alertSeverity = r.getString("alert_severity");
        return new CaseRecord(r.getLong("id"), r.getString("case_no"), Origin.fromWire(r.getString("origin")),
                r.getString("title"), r.getString("description"), r.getString("category_code"),
                r.getString("department"), strings(r.getArrayOfStrings("coordinating_departments")),
                Severity.fromWire(r.getString("severity")), CaseState.fromWire(r.getString("state")),
                ResponseLevel.fromWire(r.getString("response")).orElseThrow(),
                r.getString("dedup_key"), r.getString("alert_id"),
                alertType == null ? null : AlertType.fromWire(alertType),
                alertStatus == null ? null : AlertStatus.fromWire(alertStatus),
                alertSeverity == null ? null : Severity.fromWire(alertSeverity), r.getString("recommended_action"),
                location, r.getString("source_kind"), r.getString("source_id"), r.getString("device_id"),
                r.getInteger("port"), evidence(r.getValue("evidence")), level(r.getString("assigned_level")),
                r.getString("assigned_unit"), r.getString("assignee"), instant(r, "created_at"),
                instant(r, "updated_at"), instant(r, "first_event_at"), instant(r, "alert_emitted_at"),
                instant(r, "acknowledge_due_at"), instant(r, "acknowledged_at"), instant(r, "dispatch_due_at"), instant(r, "dispatched_at"), instant(r, "deadline_at"),
                instant(r, "feedback_at"), instant(r, "closed_at"), instant(r, "evaluated_at"),
                r.getBoolean("overdue"), r.getBoolean("extended"), r.getBoolean("reworked"),
                r.getInteger("reminders"), instant(r, "next_supervision_at"), r.getInteger("evaluation_score"),
                r.getString("void_reason"), instant(r, "first_notified_at"), r.getInteger("version"),
                facts(r.getValue("alert_facts")));
    }

    public static CaseEvent toEvent(Row r) {
        Object data = r.getValue("data");
        return new CaseEvent(r.getLong("seq"), r.getLong("case_id"), instant(r, "at"), r.getString("actor"),
                r.getString("actor_role"), r.getString("kind"), stateOrNull(r.getString("from_state")),
                stateOrNull(r.getString("to_state")), r.getString("note"),
                strings(r.getArrayOfStrings("attachments")), data == null ? null : read(data.toString(), DATA));
    }

    public static CaseState stateOrNull(String wire) {
        return wire == null ? null : CaseState.fromWire(wire);
    }

    public static Level level(String wire) {
        return Level.valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public static OffsetDateTime time(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    public static JsonArray evidenceJson(List<Evidence> evidence) {
        return new JsonArray(write(evidence));
    }

    public static JsonObject dataJson(Map<String, Object> data) {
        return data == null ? null : new JsonObject(write(data));
    }

    /** Data as written to a row, read back as the row would give it. */
    public static Map<String, Object> data(JsonObject json) {
        return json == null ? null : read(json.encode(), DATA);
    }

    /** The facts as a JSON array; null when there are none (a case by hand), so the column stays null. */
    public static JsonArray factsJson(List<AlertFact> facts) {
        return facts == null || facts.isEmpty() ? null : new JsonArray(write(facts));
    }

    public static List<AlertFact> facts(Object json) {
        return json == null ? List.of() : read(json.toString(), FACTS);
    }

    private static List<Evidence> evidence(Object json) {
        return json == null ? List.of() : read(json.toString(), EVIDENCE);
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static List<String> strings(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }

    private static String write(Object value) {
        try {
            return CasesJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return CasesJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
