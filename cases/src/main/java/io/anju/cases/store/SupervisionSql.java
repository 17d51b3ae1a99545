package io.anju.cases.store;

import io.anju.cases.model.DeadlineStage;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The queries supervision runs: which cases are due, when the next is, and locking one of them if it still is. */
public final class SupervisionSql {
    private static final String CHASED = "state in (" + DeadlineStage.chasedStates().stream()
            .map(s -> "'" + s.wireName() + "'").sorted().collect(Collectors.joining(", ")) + ")";
    private static final String DUE = "next_supervision_at <= $%d and " + CHASED;

    private SupervisionSql() {
    }

    public static Future<List<Long>> dueIds(SqlClient db, Instant now, int limit) {
        return db.preparedQuery("select id from cases where " + DUE.formatted(1) + " order by next_supervision_at limit $2")
                .execute(Tuple.of(CaseRows.time(now), limit)).map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    for (Row r : rows) {
                        ids.add(r.getLong(0));
                    }
                    return ids;
                });
    }

    /** When the earliest supervision step due after {@code after} is; empty when none is scheduled. */
    public static Future<Optional<Instant>> earliestAfter(SqlClient db, Instant after) {
        return db.preparedQuery("select min(next_supervision_at) from cases where next_supervision_at > $1 and "
                + CHASED).execute(Tuple.of(CaseRows.time(after))).map(rows -> {
                    OffsetDateTime t = rows.iterator().next().getOffsetDateTime(0);
                    return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
                });
    }

    /** The case, locked, when it is still due; skips a case someone else holds rather than waiting for it. */
    public static Future<Optional<Row>> lockDue(SqlClient db, long id, Instant now) {
        return db.preparedQuery("select * from cases where id = $1 and " + DUE.formatted(2) + " for update skip locked")
                .execute(Tuple.of(id, CaseRows.time(now))).map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
                });
    }
}
