package io.anju.cases.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Inserts cases straight into the table, with only the columns a KPI or a scope reads. */
public final class CaseInserts {
    private static final AtomicLong NO = new AtomicLong();

    private CaseInserts() {
    }

    /** One case; build with {@link #filed} and the {@code with…} methods. */
    public record Row(String subDistrict, String community, String grid, String compound, String category, String department,
               List<String> coordinating, String state, Instant created, Instant dispatchDue, Instant dispatched,
               Instant deadline, Instant closed) {

        public Row in(String subDistrict, String community, String grid) {
            return new Row(subDistrict, community, grid, compound, category, department, coordinating, state, created,
                    dispatchDue, dispatched, deadline, closed);
        }

        public Row compound(String compound) {
            return new Row(subDistrict, community, grid, compound, category, department, coordinating, state, created,
                    dispatchDue, dispatched, deadline, closed);
        }

        public Row category(String category, String department, String... coordinating) {
            return new Row(subDistrict, community, grid, compound, category, department, List.of(coordinating), state,
                    created, dispatchDue, dispatched, deadline, closed);
        }

        public Row state(String state) {
            return new Row(subDistrict, community, grid, compound, category, department, coordinating, state, created,
                    dispatchDue, dispatched, deadline, closed);
        }

        /** Dispatched {@code after} filing, against a dispatch limit of {@code limit}. */
        public Row dispatched(Duration after, Duration limit) {
            return new Row(subDistrict, community, grid, compound, category, department, coordinating,
                    "dispatched", created, created.plus(limit), created.plus(after), deadline, closed);
        }

        public Row deadline(Instant deadline) {
            return new Row(subDistrict, community, grid, compound, category, department, coordinating, state, created,
                    dispatchDue, dispatched, deadline, closed);
        }

        /** Closed {@code handling} after dispatch, {@code state} closed or evaluated. */
        public Row closedAfter(Duration handling, String state) {
            return new Row(subDistrict, community, grid, compound, category, department, coordinating, state, created,
                    dispatchDue, dispatched, deadline, dispatched.plus(handling));
        }
    }

    public static Row filed(Instant created) {
        return new Row("s1", "c1", "g1", null, TestCategories.GENERAL, "street", List.of(), "collected", created,
                null, null, null, null);
    }

    /** Inserts {@code rows}; returns their case numbers in the same order. */
    public static List<String> insert(Connection c, Row... rows) throws SQLException {
        List<String> numbers = new ArrayList<>();
        String sql = "insert into cases (case_no, origin, title, category_code, department, coordinating_departments,"
                + " severity, state, sub_district_id, community_id, grid_id, compound_id, assigned_level, assigned_unit,"
                + " created_at, updated_at, dispatch_due_at, dispatched_at, deadline_at, closed_at)"
                + " values (?, 'grid_report', 'test case', ?, ?, ?, 'yellow', ?, ?, ?, ?, ?, 'grid', ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Row r : rows) {
                int i = 1;
                String no = "T-" + NO.incrementAndGet();
                numbers.add(no);
                s.setString(i++, no);
                s.setString(i++, r.category());
                s.setString(i++, r.department());
                s.setArray(i++, c.createArrayOf("text", r.coordinating().toArray()));
                s.setString(i++, r.state());
                s.setString(i++, r.subDistrict());
                s.setString(i++, r.community());
                s.setString(i++, r.grid());
                s.setString(i++, r.compound());
                s.setString(i++, r.grid());
                s.setObject(i++, ts(r.created()));
                s.setObject(i++, ts(r.created()));
                s.setObject(i++, ts(r.dispatchDue()));
                s.setObject(i++, ts(r.dispatched()));
                s.setObject(i++, ts(r.deadline()));
                s.setObject(i++, ts(r.closed()));
                s.addBatch();
            }
            s.executeBatch();
        }
        return numbers;
    }

    private static OffsetDateTime ts(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
