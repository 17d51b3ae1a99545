package io.anju.cases.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Case numbers people quote: {@code LH-yyyyMMdd-NNNNNN}, the date in Xi'an time, the number from case_no_seq. */
public final class CaseNumbers {
    public static final ZoneId LOCAL_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(LOCAL_ZONE);

    private CaseNumbers() {
    }

    public static Future<String> next(SqlClient db, Instant now) {
        return db.query("select nextval('case_no_seq')").execute()
                .map(rows -> format(now, rows.iterator().next().getLong(0)));
    }

    static String format(Instant now, long n) {
        return String.format(Locale.ROOT, "LH-%s-%06d", DAY.format(now), n % 1_000_000);
    }
}
