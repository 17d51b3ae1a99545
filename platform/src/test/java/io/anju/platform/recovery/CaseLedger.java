package io.anju.platform.recovery;

import io.anju.cases.store.EmbeddedPassword;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What the case system's PostgreSQL recorded of the alerts: receipts, case events per revision, cases per key. */
final class CaseLedger {
    /** The case of a dedup key as the intake left it. */
    record CaseRow(String alertId, String alertStatus, String state) {
    }

    private final String jdbcUrl;
    private final String password;

    /** The case service's embedded database on {@code port} (user postgres, database anju), set up in {@code pgDir}. */
    CaseLedger(int port, Path pgDir) throws IOException {
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + port + "/anju";
        this.password = EmbeddedPassword.read(pgDir);
    }

    /** Every {@code alertId#revision} with a receipt: applied (or recognised as stale) by the intake. */
    Set<String> receipts() throws SQLException {
        Set<String> out = new HashSet<>();
        query("select alert_id || '#' || revision from alert_receipts", r -> out.add(r.getString(1)));
        return out;
    }

    /** Case history entries per {@code alertId#revision}: created, alert_update, alert_cleared. */
    Map<String, Integer> eventsPerRevision() throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        query("select data->>'alertId' || '#' || (data->>'revision'), count(*) from case_events "
                        + "where data->>'alertId' is not null and data->>'revision' is not null group by 1",
                r -> out.put(r.getString(1), r.getInt(2)));
        return out;
    }

    /** The case of each dedup key (the last one read, should a key have several: see {@link #casesPerKey()}). */
    Map<String, CaseRow> casesByKey() throws SQLException {
        Map<String, CaseRow> out = new HashMap<>();
        query("select dedup_key, alert_id, alert_status, state from cases where dedup_key is not null",
                r -> out.put(r.getString(1), new CaseRow(r.getString(2), r.getString(3), r.getString(4))));
        return out;
    }

    Map<String, Integer> casesPerKey() throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        query("select dedup_key, count(*) from cases where dedup_key is not null group by 1",
                r -> out.put(r.getString(1), r.getInt(2)));
        return out;
    }

    private interface Row {
        void accept(ResultSet r) throws SQLException;
    }

    private void query(String sql, Row row) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", password);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                row.accept(r);
            }
        }
    }
}
