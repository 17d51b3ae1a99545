package io.anju.cases.store;

import io.anju.common.model.DistrictTime;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Case numbers people quote: {@code LH-yyyyMMdd-NNNNNN}, the date in Xi'an time, the number from case_no_seq. */
public final class CaseNumbers {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(DistrictTime.ZONE);

    private CaseNumbers() {
    }

    public static Future<String> next(SqlClient db, Instant now) {
        return db.query("select nextval('case_no_seq')").execute()
                .map(rows -> format(now, rows.iterator().next().getLong(0)));
    }

    /** {@code n} numbers at once, in the order the sequence gave them. */
    public static Future<List<String>> next(SqlClient db, Instant now, int n) {
        return db.preparedQuery("select nextval('case_no_seq') from generate_series(1, $1)").execute(Tuple.of(n))
                .map(rows -> {
                    List<String> out = new ArrayList<>(n);
                    rows.forEach(r -> out.add(format(now, r.getLong(0))));
                    return out;
                });
    }

    static String format(Instant now, long n) {
        String number = Long.toString(n % 1_000_000);
        return "LH-" + DAY.format(now) + "-" + "000000".substring(number.length()) + number;
    }
}
