package io.anju.cases.notify;

import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.Level;
import io.anju.cases.model.Origin;
import io.anju.cases.model.ResponseLevel;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.model.LocationChain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Cases and notices for notification tests: cases are inserted by SQL (the schema is the contract). */
final class Notices {
    private static final AtomicLong SEQ = new AtomicLong(1000);
    private static final AtomicLong CASE_NO = new AtomicLong(1);

    private Notices() {
    }

    /** A charger port case in {@code gridId} of compound {@code cp-<grid>}, opened by an alert. */
    static CaseRecord charger(long id, String caseNo, String gridId, Severity severity, Instant createdAt,
                              Instant alertEmittedAt) {
        return charger(id, caseNo, gridId, severity, createdAt, alertEmittedAt, "port 3 draws 1,240 W");
    }

    static CaseRecord charger(long id, String caseNo, String gridId, Severity severity, Instant createdAt,
                              Instant alertEmittedAt, String description) {
        LocationChain where = new LocationChain("sd-beiyuanmen", "c-" + gridId, gridId, "cp-" + gridId, null);
        return new CaseRecord(id, caseNo, Origin.ALERT, "Charger port overload", description, "01-01",
                "property", List.of(), severity, CaseState.COLLECTED, ResponseLevel.CASE,
                "port_overload:dev-1:3", "al-" + caseNo,
                AlertType.PORT_OVERLOAD, AlertStatus.RAISED, severity, "cut_port_power", where, "port", "dev-1:3",
                "dev-1", 3, List.of(Evidence.portReading(createdAt.toEpochMilli(), "dev-1", 3, "powerW", 1240, "W")),
                Level.GRID, gridId, null, createdAt, createdAt, createdAt, alertEmittedAt, null, null, null, null, null, null, null,
                null, false, false, false, 0, null, null, null, null, 0, List.of());
    }

    /** Inserts the case row and returns it with its id. */
    static CaseRecord insert(Connection c, String gridId, Severity severity, Instant createdAt, Instant alertEmittedAt)
            throws SQLException {
        String caseNo = "LH-20261129-" + String.format("%06d", CASE_NO.getAndIncrement());
        try (PreparedStatement s = c.prepareStatement("""
                insert into cases (case_no, origin, title, category_code, department, severity, state, assigned_level,
                                   assigned_unit, sub_district_id, community_id, grid_id, compound_id, created_at,
                                   updated_at, alert_emitted_at)
                values (?, 'alert', 'Charger port overload', '01-01', 'property', ?, 'collected', 'grid', ?,
                        'sd-beiyuanmen', ?, ?, ?, ?, ?, ?)
                returning id""")) {
            s.setString(1, caseNo);
            s.setString(2, severity.wireName());
            s.setString(3, gridId);
            s.setString(4, "c-" + gridId);
            s.setString(5, gridId);
            s.setString(6, "cp-" + gridId);
            s.setTimestamp(7, Timestamp.from(createdAt));
            s.setTimestamp(8, Timestamp.from(createdAt));
            s.setTimestamp(9, alertEmittedAt == null ? null : Timestamp.from(alertEmittedAt));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return charger(r.getLong(1), caseNo, gridId, severity, createdAt, alertEmittedAt);
            }
        }
    }

    /** A notice of {@code kind} about {@code c}, with a fresh audit seq. */
    static CaseNotice notice(String kind, CaseRecord c) {
        CaseEvent event = new CaseEvent(SEQ.incrementAndGet(), c.id(), c.updatedAt(), "system", null,
                "opened".equals(kind) ? "created" : kind, null, c.state(), null, List.of(), Map.of());
        return new CaseNotice(kind, c, event);
    }
}
