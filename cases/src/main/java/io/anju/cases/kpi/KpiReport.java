package io.anju.cases.kpi;

import io.anju.cases.access.ScopeRule;
import io.anju.cases.access.ScopeSql;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.KpiQuery;
import io.anju.cases.model.KpiQuery.KpiGroup;
import io.anju.cases.model.KpiRow;
import io.anju.cases.model.ResponseLevel;
import io.anju.cases.routing.CategoryTable;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The grid-management KPIs (GB/T 30428: on-time dispatch, on-time closure, accurate filing, handling time; and the
 * times to acknowledge and to dispatch, with on-time acknowledgement) of the cases filed in a window, one row per
 * unit, in one SQL query. Cases without a unit at the chosen level (no grid, say) are not reported at that level.
 */
public final class KpiReport implements KpiSource {

    /** Watch items and notices are not filed cases (a promoted watch item is): they never had a dispatch limit. */
    private static final String FILED_CASES = "response = '" + ResponseLevel.CASE.wireName() + "'";
    private static final String CLOSED = "closed_at is not null and state in ('closed', 'evaluated')";
    private static final String HANDLING_MINUTES = "extract(epoch from closed_at - dispatched_at)::float8 / 60";
    private static final String ACKNOWLEDGE_SECONDS = "extract(epoch from acknowledged_at - created_at)::float8";
    private static final String DISPATCH_SECONDS = "extract(epoch from dispatched_at - created_at)::float8";

    private final Pool pool;
    private final ScopeSql scopeSql;

    public KpiReport(Pool pool, CategoryTable categories) {
        this.pool = pool;
        this.scopeSql = new ScopeSql(categories);
    }

    @Override
    public Future<List<KpiRow>> compute(ScopeRule scope, KpiQuery q, Instant now) {
        if (q.groupBy() == null || q.from() == null || q.to() == null || !q.from().isBefore(q.to())) {
            return Future.failedFuture(CaseException.invalid("KPIs need groupBy and a window with from before to (was "
                    + q.groupBy() + ", " + q.from() + " to " + q.to() + ")"));
        }
        ScopeSql.Condition visible = scopeSql.where(scope, 4);
        String unit = unitColumn(q.groupBy());
        String sql = "select " + unit + " as unit,"
                + " count(*) as filed,"
                + " count(dispatched_at) as dispatched,"
                + " count(*) filter (where dispatched_at <= dispatch_due_at) as dispatched_on_time,"
                + " count(*) filter (where " + CLOSED + ") as closed,"
                + " count(*) filter (where " + CLOSED + " and closed_at <= deadline_at) as closed_on_time,"
                + " count(*) filter (where state = 'voided') as voided,"
                + " avg(" + HANDLING_MINUTES + ") filter (where " + CLOSED + ") as mean_minutes,"
                + " percentile_cont(0.9) within group (order by " + HANDLING_MINUTES + ")"
                + "   filter (where " + CLOSED + ") as p90_minutes,"
                + " count(*) filter (where state not in " + CaseState.ENDED_SQL + " and deadline_at < $3)"
                + "   as overdue_open,"
                + " count(acknowledged_at) as acknowledged,"
                + " count(*) filter (where acknowledged_at <= acknowledge_due_at) as acknowledged_on_time,"
                + " avg(" + ACKNOWLEDGE_SECONDS + ") as mean_ack_seconds,"
                + " percentile_cont(0.9) within group (order by " + ACKNOWLEDGE_SECONDS + ") as p90_ack_seconds,"
                + " avg(" + DISPATCH_SECONDS + ") as mean_dispatch_seconds,"
                + " percentile_cont(0.9) within group (order by " + DISPATCH_SECONDS + ") as p90_dispatch_seconds"
                + " from cases"
                + " where created_at >= $1 and created_at < $2 and " + unit + " is not null"
                + " and " + FILED_CASES
                + " and " + visible.sql()
                + " group by " + unit + " order by " + unit;
        Tuple params = Tuple.of(utc(q.from()), utc(q.to()), utc(now));
        visible.params().forEach(params::addValue);
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<KpiRow> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(toRow(r)));
            return out;
        });
    }

    private static String unitColumn(KpiGroup group) {
        return switch (group) {
            case GRID -> "grid_id";
            case COMMUNITY -> "community_id";
            case SUB_DISTRICT -> "sub_district_id";
            case DEPARTMENT -> "department";
        };
    }

    private static KpiRow toRow(Row r) {
        long filed = r.getLong("filed");
        long dispatched = r.getLong("dispatched");
        long closed = r.getLong("closed");
        long voided = r.getLong("voided");
        long acknowledged = r.getLong("acknowledged");
        return new KpiRow(r.getString("unit"), filed, dispatched, rate(r.getLong("dispatched_on_time"), dispatched),
                closed, rate(r.getLong("closed_on_time"), closed), voided,
                filed == 0 ? null : 1.0 - (double) voided / filed,
                r.getDouble("mean_minutes"), r.getDouble("p90_minutes"), r.getLong("overdue_open"), acknowledged,
                rate(r.getLong("acknowledged_on_time"), acknowledged), r.getDouble("mean_ack_seconds"),
                r.getDouble("p90_ack_seconds"), r.getDouble("mean_dispatch_seconds"),
                r.getDouble("p90_dispatch_seconds"));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
