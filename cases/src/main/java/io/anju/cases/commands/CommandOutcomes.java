package io.anju.cases.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anju.cases.json.CasesJson;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.notify.Outbox;
import io.anju.cases.store.CaseChanges;
import io.anju.cases.store.CaseDraft;
import io.anju.cases.store.CaseRows;
import io.anju.cases.store.CaseSql;
import io.anju.cases.store.EventSql;
import io.anju.cases.store.NewEvent;
import io.anju.common.command.DeviceCommand;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Files command outcomes in the history of the case their alert belongs to (table {@code command_outcomes}, V11), or,
 * for a command people issued for a case, of that case: once a case is closed, a later revision of its still-open alert
 * opens a new one, and the stop or resume sent from the closed case still tells its story there.
 * Each (command id, kind, outcome, attempt) is kept once, so a redelivered record changes nothing. An outcome whose
 * alert has no case yet waits in the table; it is written into the case, in the order it arrived, with the next
 * outcome of the same alert or by {@link #attachWaiting()} once the alert's case appears.
 * <p>
 * Which case a command was issued for is known by its id: every command people issue has a {@code request} row
 * naming its case (V12), and the job's confirmation of a person's stop, and of each retry of it (a command of its
 * own), names the case (V14). So a command of a case reported by hand, which names no alert, is filed there too. A
 * device's reply names no alert, and neither does the gateway's report of a command that named none: each takes the
 * alert or case an earlier record of its command named, and when none is there yet (two writers in no order; a
 * command people issued is committed only after Kafka took it; a retry's confirmation is written beside the retry) it
 * waits, unnamed, for {@link #UNNAMED_REPLY_KEPT} (V15).
 */
public final class CommandOutcomes {
    /** The history entry kind of a command outcome. */
    public static final String EVENT_KIND = CaseEvent.KIND_COMMAND;
    /** The {@code command_outcomes} kind of a command people issued for a case (V12). */
    static final String REQUEST_KIND = "request";
    private static final int ATTACH_BATCH = 100;
    /**
     * How long a reply or delivery report waits for a record of its command that names the alert or case: far longer
     * than the gateway's report, the job's confirmation or an issuing transaction (bounded by the command's Kafka send,
     * 20 s) takes; after it, it is taken to be about a command of no case, and forgotten.
     */
    static final Duration UNNAMED_REPLY_KEPT = Duration.ofMinutes(10);

    /** What recording one outcome did. */
    public enum Result {
        /** New, and in its case's history now. */
        RECORDED,
        /** New, and waiting for its alert's case. */
        WAITING,
        /** New, a reply or delivery report waiting for a record of its command to name the alert or case. */
        WAITING_FOR_COMMAND,
        /** Already recorded. */
        REPEAT,
        /** It names no alert, and no case or alert is known for its command (a confirmation naming neither). */
        NOT_AN_ALERTS_COMMAND
    }

    private final Pool pool;
    private final Outbox outbox;
    private final CaseChanges changes;
    private final Clock clock;

    public CommandOutcomes(Pool pool, Outbox outbox, Clock clock) {
        this.pool = pool;
        this.outbox = outbox;
        this.changes = new CaseChanges(outbox);
        this.clock = clock;
    }

    public Future<Result> record(CommandOutcome outcome) {
        return pool.withTransaction(tx -> named(tx, outcome).compose(o -> {
            if (o.isEmpty()) {
                return waitsForItsCommand(outcome)
                        ? insert(tx, outcome).map(id -> id.isPresent() ? Result.WAITING_FOR_COMMAND : Result.REPEAT)
                        : Future.succeededFuture(Result.NOT_AN_ALERTS_COMMAND);
            }
            return insert(tx, o.get()).compose(id -> id.isEmpty() ? Future.succeededFuture(Result.REPEAT)
                    : (o.get().alertId() != null ? attach(tx, o.get().alertId()) : writeToCase(tx, id.get(), o.get()))
                    .map(written -> written > 0 ? Result.RECORDED : Result.WAITING));
        })).onSuccess(r -> {
            if (r == Result.RECORDED) {
                outbox.wake();
            }
        });
    }

    /**
     * Names the waiting replies and delivery reports whose command a record names the alert of by now, writes those
     * whose command was issued for a case without an alert into that case, forgets those that waited
     * {@link #UNNAMED_REPLY_KEPT} in vain, then writes the waiting outcomes whose alert has a case by now; returns how
     * many were written.
     */
    public Future<Integer> attachWaiting() {
        return nameWaiting().compose(v -> fileIssuedWithoutAlert())
                .compose(filed -> forgetUnnamed().compose(v -> attachNamed()).map(n -> n + filed));
    }

    private Future<Void> nameWaiting() {
        // Each waiting record takes the alert (and, when it has none, the action and port) of its command's first
        // record that names one.
        return pool.preparedQuery("update command_outcomes w set alert_id = k.alert_id, "
                        + "data = w.data || jsonb_build_object('alertId', k.alert_id) "
                        + "|| case when w.data ? 'action' or k.action is null then '{}'::jsonb "
                        + "else jsonb_build_object('action', k.action) end "
                        + "|| case when w.data ? 'port' or k.port is null then '{}'::jsonb "
                        + "else jsonb_build_object('port', k.port) end "
                        + "from (select distinct on (o.command_id) o.command_id, o.alert_id, "
                        + "o.data->>'action' as action, o.data->'port' as port from command_outcomes o "
                        + "where o.kind <> 'reply' and o.alert_id is not null "
                        + "and o.command_id in (select u.command_id from command_outcomes u where " + unnamed("u")
                        + ") order by o.command_id, o.id) k "
                        + "where w.command_id = k.command_id and " + unnamed("w"))
                .execute().mapEmpty();
    }

    /**
     * Writes the waiting replies and delivery reports of commands issued for a case that has no alert (as a record of
     * the command says by now) into that case; returns how many.
     */
    private Future<Integer> fileIssuedWithoutAlert() {
        return pool.preparedQuery("select w.id, w.data, k.alert_id, k.issued_for, k.action, k.port "
                        + "from command_outcomes w "
                        + "join lateral (" + namingRecord("w.command_id") + ") k on k.issued_for is not null "
                        + "where " + unnamed("w") + " order by w.id limit $1")
                .execute(Tuple.of(ATTACH_BATCH)).compose(rows -> {
                    Future<Integer> chain = Future.succeededFuture(0);
                    for (Row r : rows) {
                        long id = r.getLong("id");
                        CommandOutcome o = read(r.getJsonObject("data")).forCommand(r.getString("alert_id"),
                                r.getLong("issued_for"), r.getString("action"), r.getInteger("port"));
                        chain = chain.compose(sum -> pool.withTransaction(tx -> tx.preparedQuery(
                                        "select 1 from command_outcomes where id = $1 and event_seq is null for update")
                                .execute(Tuple.of(id))
                                .compose(still -> still.size() == 0 ? Future.succeededFuture(0)
                                        : writeToCase(tx, id, o))).map(n -> sum + n));
                    }
                    return chain;
                }).onSuccess(n -> {
                    if (n > 0) {
                        outbox.wake();
                    }
                });
    }

    private Future<Void> forgetUnnamed() {
        return pool.preparedQuery("delete from command_outcomes w where " + unnamed("w") + " and received_at < $1")
                .execute(Tuple.of(CaseRows.time(clock.instant().minus(UNNAMED_REPLY_KEPT)))).mapEmpty();
    }

    private Future<Integer> attachNamed() {
        return pool.preparedQuery("select distinct o.alert_id from command_outcomes o join alert_receipts r "
                        + "on r.alert_id = o.alert_id and r.case_id is not null where o.event_seq is null limit $1")
                .execute(Tuple.of(ATTACH_BATCH)).compose(rows -> {
                    List<String> alerts = new ArrayList<>();
                    rows.forEach(r -> alerts.add(r.getString(0)));
                    Future<Integer> chain = Future.succeededFuture(0);
                    for (String alertId : alerts) {
                        chain = chain.compose(sum -> pool.withTransaction(tx -> attach(tx, alertId)).map(n -> sum + n));
                    }
                    return chain;
                }).onSuccess(n -> {
                    if (n > 0) {
                        outbox.wake();
                    }
                });
    }

    /**
     * Records that a person's command for a case was issued ({@code eventSeq}: its {@code issued} history entry), so
     * that its delivery report and the device's reply, in whichever order they come, find the case it was issued for
     * (and the case's alert, when it has one), and a resume finds the alert that caused the stop it undoes
     * ({@link StopAlerts}).
     */
    static Future<Void> issued(SqlConnection tx, DeviceCommand command, long eventSeq, Instant at) {
        JsonObject data = new JsonObject().put("kind", REQUEST_KIND).put("commandId", command.id());
        if (command.alertId() != null) {
            data.put("alertId", command.alertId());
        }
        data.put("outcome", "issued").put("attempt", 0).put("deviceId", command.deviceId())
                .put("action", command.action()).put("port", command.port()).put("at", command.ts());
        return tx.preparedQuery("insert into command_outcomes (command_id, kind, outcome, attempt, alert_id, data, "
                        + "received_at, case_id, event_seq) values ($1, $2, 'issued', 0, $3, $4, $5, $6, $7) "
                        + "on conflict do nothing")
                .execute(Tuple.wrap(Arrays.asList(command.id(), REQUEST_KIND, command.alertId(), data,
                        CaseRows.time(at), command.caseId(), eventSeq)))
                .mapEmpty();
    }

    /** Outcomes waiting for their alert's case. */
    public Future<Long> waiting() {
        return pool.query("select count(*) from command_outcomes where event_seq is null and alert_id is not null")
                .execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** Replies and delivery reports waiting for a record of their command to name the alert or case. */
    public Future<Long> waitingForCommand() {
        return pool.query("select count(*) from command_outcomes w where " + unnamed("w")).execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * The outcome naming its alert or case: as read, or from the first earlier record of its command that names one;
     * empty when none does (yet).
     */
    private static Future<Optional<CommandOutcome>> named(SqlConnection tx, CommandOutcome o) {
        if (o.alertId() != null || o.caseId() != null) {
            return Future.succeededFuture(Optional.of(o));
        }
        return tx.preparedQuery(namingRecord("$1")).execute(Tuple.of(o.commandId())).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row k = rows.iterator().next();
            return Optional.of(o.forCommand(k.getString("alert_id"), k.getLong("issued_for"), k.getString("action"),
                    k.getInteger("port")));
        });
    }

    /** Replies and delivery reports may come before every record that says where their command's outcomes go. */
    private static boolean waitsForItsCommand(CommandOutcome o) {
        return CommandOutcome.REPLY.equals(o.kind()) || CommandOutcome.DELIVERY.equals(o.kind());
    }

    /**
     * The first record of command {@code commandId} (an SQL expression) that says where its outcomes go: it names the
     * alert, or the case the command was issued for ({@code issued_for}: a request row's case, or the case a
     * confirmation names); with the command's action and port as it names them.
     */
    private static String namingRecord(String commandId) {
        return "select q.alert_id, " + issuedFor("q") + " as issued_for, q.data->>'action' as action, "
                + "(q.data->>'port')::int as port from command_outcomes q where q.command_id = " + commandId
                + " and q.kind <> 'reply' and (q.alert_id is not null or q.kind = '" + REQUEST_KIND + "' "
                + "or q.data ? 'caseId') order by q.id limit 1";
    }

    /** The case people issued the command of record {@code t} for, when the record says so, else null. */
    private static String issuedFor(String t) {
        return "coalesce(case when " + t + ".kind = '" + REQUEST_KIND + "' then " + t + ".case_id end, (" + t
                + ".data->>'caseId')::bigint)";
    }

    /** Record {@code t} is a reply or delivery report waiting for a record of its command to say where it goes. */
    private static String unnamed(String t) {
        return t + ".kind in ('reply', 'delivery') and " + t + ".alert_id is null and " + t + ".event_seq is null";
    }

    /** The new row's id, or empty when the outcome was recorded before. */
    private Future<Optional<Long>> insert(SqlConnection tx, CommandOutcome o) {
        return tx.preparedQuery("insert into command_outcomes (command_id, kind, outcome, attempt, alert_id, data, "
                        + "received_at) values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing returning id")
                .execute(Tuple.of(o.commandId(), o.kind(), o.outcome(), o.attempt(), o.alertId(), json(o),
                        CaseRows.time(clock.instant())))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
    }

    /** Writes outcome row {@code id}, which names its case and no alert, into that case; 0 when there is none. */
    private Future<Integer> writeToCase(SqlConnection tx, long id, CommandOutcome o) {
        return CaseSql.byId(tx, o.caseId(), true).compose(row -> {
            if (row.isEmpty()) {
                return Future.succeededFuture(0);
            }
            CaseDraft c = CaseDraft.of(row.get());
            return write(tx, c, o.withPortOr(c.port))
                    .compose(seq -> tx.preparedQuery("update command_outcomes set case_id = $2, event_seq = $3 "
                            + "where id = $1").execute(Tuple.of(id, c.id, seq)))
                    .map(v -> 1);
        });
    }

    /**
     * Writes the alert's waiting outcomes into its case, oldest first, when it has one. The case row is locked first,
     * so two writers of one alert take turns and the second finds nothing left waiting.
     */
    private Future<Integer> attach(SqlConnection tx, String alertId) {
        return tx.preparedQuery("select case_id from alert_receipts where alert_id = $1 and case_id is not null "
                        + "order by revision desc limit 1")
                .execute(Tuple.of(alertId)).compose(rows -> rows.size() == 0 ? Future.succeededFuture(0)
                        : CaseSql.byId(tx, rows.iterator().next().getLong(0), true)
                        .compose(row -> writeWaiting(tx, alertId, CaseDraft.of(row.orElseThrow()))));
    }

    /**
     * Writes the alert's waiting outcomes oldest first: each into the case its command was issued for, when people
     * issued it for one (a retry of a person's stop too), otherwise into {@code latest}, the alert's newest case. A
     * case closed while its stop or resume was on the way keeps that command's story, although a later revision of
     * the alert opened a new case.
     */
    private Future<Integer> writeWaiting(SqlConnection tx, String alertId, CaseDraft latest) {
        return tx.preparedQuery("select o.id, o.data, (select " + issuedFor("q") + " from command_outcomes q "
                        + "where q.command_id = o.command_id "
                        + "and (q.kind = '" + REQUEST_KIND + "' or q.data ? 'caseId') "
                        + "order by q.id limit 1) as issued_for from command_outcomes o "
                        + "where o.alert_id = $1 and o.event_seq is null order by o.id for update of o")
                .execute(Tuple.of(alertId)).compose(rows -> {
                    Map<Long, CaseDraft> cases = new HashMap<>(Map.of(latest.id, latest));
                    Future<Integer> chain = Future.succeededFuture(0);
                    for (Row r : rows) {
                        long id = r.getLong("id");
                        Long issuedFor = r.getLong("issued_for");
                        JsonObject data = r.getJsonObject("data");
                        chain = chain.compose(n -> caseOf(tx, cases, issuedFor == null ? latest.id : issuedFor)
                                .compose(c -> write(tx, c, read(data).withPortOr(c.port))
                                        .compose(seq -> tx.preparedQuery("update command_outcomes set case_id = $2, "
                                                        + "event_seq = $3 where id = $1")
                                                .execute(Tuple.of(id, c.id, seq))))
                                .map(v -> n + 1));
                    }
                    return chain;
                });
    }

    /** Case {@code id}, locked, read once per transaction: writing bumps the version the next write must see. */
    private static Future<CaseDraft> caseOf(SqlConnection tx, Map<Long, CaseDraft> cases, long id) {
        CaseDraft known = cases.get(id);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return CaseSql.byId(tx, id, true).map(row -> {
            CaseDraft c = CaseDraft.of(row.orElseThrow(() -> new IllegalStateException("case " + id + " is gone")));
            cases.put(id, c);
            return c;
        });
    }

    /** The history entry; an outcome that settles the stop also bumps the case and goes out as a notice. */
    private Future<Long> write(SqlConnection tx, CaseDraft c, CommandOutcome o) {
        Instant now = clock.instant();
        NewEvent event = NewEvent.worded(EVENT_KIND, o.noticeKind(), null, null, o.data());
        if (o.noticeKind() == null) {
            return EventSql.insert(tx, c.id, now, event).map(e -> e.seq());
        }
        return changes.update(tx, c, now, List.of(event)).map(saved -> {
            c.version = saved.after().version();
            return saved.events().get(0).seq();
        });
    }

    private static JsonObject json(CommandOutcome o) {
        try {
            return new JsonObject(CasesJson.mapper().writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a command outcome", e);
        }
    }

    private static CommandOutcome read(JsonObject data) {
        try {
            return CasesJson.mapper().readValue(data.encode(), CommandOutcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable command outcome " + data, e);
        }
    }
}
