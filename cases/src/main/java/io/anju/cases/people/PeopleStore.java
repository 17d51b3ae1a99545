package io.anju.cases.people;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.anju.cases.json.CasesJson;
import io.anju.cases.model.CaseException;
import io.anju.cases.store.CaseRows;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Contacts and rotas in PostgreSQL ({@code contacts}, {@code rotas}; migration V8). */
public final class PeopleStore {
    private static final TypeReference<List<Shift>> SHIFTS = new TypeReference<>() {
    };
    private static final String UNIQUE_VIOLATION = "23505";

    private PeopleStore() {
    }

    public static Future<Contact> createContact(SqlClient db, Contact c, Instant now) {
        return db.preparedQuery("insert into contacts (name, display_name, phone, language, channels, user_name, "
                        + "enabled, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $8)")
                .execute(Tuple.wrap(new ArrayList<>(Arrays.asList(c.name(), c.displayName(), c.phone(), c.language(),
                        c.channels().toArray(new String[0]), c.userName(), c.enabled(), CaseRows.time(now)))))
                .map(c)
                .recover(err -> err instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                        ? Future.failedFuture(CaseException.conflict("contact " + c.name() + " exists already"))
                        : Future.failedFuture(err));
    }

    public static Future<Contact> updateContact(SqlClient db, Contact c, Instant now) {
        return db.preparedQuery("update contacts set display_name = $2, phone = $3, language = $4, channels = $5, "
                        + "user_name = $6, enabled = $7, updated_at = $8 where name = $1")
                .execute(Tuple.wrap(new ArrayList<>(Arrays.asList(c.name(), c.displayName(), c.phone(), c.language(),
                        c.channels().toArray(new String[0]), c.userName(), c.enabled(), CaseRows.time(now)))))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new CaseException(CaseException.Kind.NOT_FOUND, "no contact " + c.name());
                    }
                    return c;
                });
    }

    public static Future<List<Contact>> allContacts(SqlClient db) {
        return db.query("select * from contacts order by name").execute().map(rows -> {
            List<Contact> out = new ArrayList<>();
            rows.forEach(r -> out.add(contact(r)));
            return out;
        });
    }

    /** The contacts of {@code names} that exist, by name. */
    public static Future<Map<String, Contact>> contacts(SqlClient db, Collection<String> names) {
        if (names.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return db.preparedQuery("select * from contacts where name = any($1)")
                .execute(Tuple.of(names.toArray(new String[0]))).map(rows -> {
                    Map<String, Contact> out = new LinkedHashMap<>();
                    rows.forEach(r -> out.put(r.getString("name"), contact(r)));
                    return out;
                });
    }

    /** Saves the unit's rota (replacing the old one); every contact it names must exist. */
    public static Future<Rota> putRota(SqlClient db, Rota rota, String by, Instant now) {
        return contacts(db, rota.contactNames()).compose(known -> {
            List<String> missing = rota.contactNames().stream().filter(n -> !known.containsKey(n)).toList();
            if (!missing.isEmpty()) {
                throw CaseException.invalid("rota of " + rota.unit() + " names unknown contacts " + missing
                        + " (create them with POST /api/v1/contacts)");
            }
            return db.preparedQuery("insert into rotas (unit_kind, unit_id, shifts, fallback, updated_at, updated_by) "
                            + "values ($1, $2, $3::text::jsonb, $4, $5, $6) on conflict (unit_kind, unit_id) do update "
                            + "set shifts = excluded.shifts, fallback = excluded.fallback, "
                            + "updated_at = excluded.updated_at, updated_by = excluded.updated_by")
                    .execute(Tuple.of(rota.unit().kind().wireName(), rota.unit().id(), json(rota.shifts()),
                            rota.fallback(), CaseRows.time(now), by))
                    .map(rota);
        });
    }

    public static Future<Optional<Rota>> rota(SqlClient db, UnitRef unit) {
        return rotas(db, List.of(unit)).map(found -> Optional.ofNullable(found.get(unit)));
    }

    /** The rotas of {@code units} that exist. */
    public static Future<Map<UnitRef, Rota>> rotas(SqlClient db, Collection<UnitRef> units) {
        if (units.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        String[] keys = units.stream().map(UnitRef::toString).toArray(String[]::new);
        return db.preparedQuery("select unit_kind, unit_id, shifts::text as shifts, fallback from rotas "
                        + "where unit_kind || ':' || unit_id = any($1)")
                .execute(Tuple.of(keys)).map(rows -> {
                    Map<UnitRef, Rota> out = new LinkedHashMap<>();
                    for (Row r : rows) {
                        UnitRef unit = new UnitRef(UnitKind.fromWire(r.getString("unit_kind")), r.getString("unit_id"));
                        out.put(unit, new Rota(unit, shifts(r.getString("shifts")), r.getString("fallback")));
                    }
                    return out;
                });
    }

    private static Contact contact(Row r) {
        String[] channels = r.getArrayOfStrings("channels");
        return new Contact(r.getString("name"), r.getString("display_name"), r.getString("phone"),
                r.getString("language"), channels == null ? List.of() : List.of(channels), r.getString("user_name"),
                r.getBoolean("enabled"));
    }

    private static String json(List<Shift> shifts) {
        try {
            return CasesJson.mapper().writeValueAsString(shifts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write shifts as JSON", e);
        }
    }

    private static List<Shift> shifts(String json) {
        try {
            return CasesJson.mapper().readValue(json, SHIFTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rota shifts are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
