package io.anju.cases.people;

import io.anju.common.model.DistrictTime;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;
import io.anju.cases.notify.Outbox;
import io.anju.cases.store.CaseChanges;
import io.anju.cases.store.CaseDraft;
import io.anju.cases.store.CaseRows;
import io.anju.cases.store.CaseSql;
import io.anju.cases.store.NewEvent;
import io.anju.cases.supervise.Deadlines;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Records an acknowledgement from a signed link as the {@code verify} step of the case, by the link's contact (actor
 * = the contact's name, role {@code contact}), without a password. A link works once, until it expires, while the
 * case is {@code collected}; anything else is an {@link AckRefusedException} saying why.
 */
public final class Acknowledger {
    public static final String ACTOR_ROLE = "contact";
    public static final String NOTE = "acknowledged from notification";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What the confirmation page shows. */
    public record AckView(String caseNo, String title, CaseState state, Contact contact) {
    }

    private final Pool pool;
    private final CaseChanges changes;
    private final Outbox outbox;
    private final AckSigner signer;
    private final Deadlines deadlines;
    private final Clock clock;

    public Acknowledger(Pool pool, Outbox outbox, AckSigner signer, Deadlines deadlines, Clock clock) {
        this.pool = pool;
        this.changes = new CaseChanges(outbox);
        this.outbox = outbox;
        this.signer = signer;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** Checks the link without using it (the GET page). */
    public Future<AckView> preview(String token) {
        return attempt(token, (link, now) -> usable(pool, link, now, false)
                .map(found -> new AckView(found.c().caseNo(), found.c().title(), found.c().state(), found.contact())));
    }

    /** Uses the link: the case is verified by the contact. */
    public Future<AckView> acknowledge(String token) {
        return attempt(token, (link, now) -> pool.withTransaction(tx -> usable(tx, link, now, true).compose(found ->
                tx.preparedQuery("insert into ack_links_used (case_id, event_seq, contact, used_at) "
                                + "values ($1, $2, $3, $4) on conflict do nothing")
                        .execute(Tuple.of(link.caseId(), link.eventSeq(), link.contact(), CaseRows.time(now)))
                        .compose(rows -> {
                            if (rows.rowCount() == 0) {
                                throw used();
                            }
                            return verify(tx, found, link, now);
                        })))
                .onSuccess(v -> outbox.wake()));
    }

    private Future<AckView> verify(SqlConnection tx, Found found, AckLink link, Instant now) {
        CaseDraft d = CaseDraft.of(found.row());
        deadlines.stepTo(d, CaseState.VERIFIED, now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("via", "acknowledge_link");
        data.put("contact", found.contact().name());
        data.put("displayName", found.contact().displayName());
        data.put("noticeSeq", link.eventSeq());
        NewEvent event = new NewEvent("transition", "state_changed", found.contact().name(), ACTOR_ROLE,
                CaseState.COLLECTED, CaseState.VERIFIED, NOTE, List.of(), data);
        return changes.update(tx, d, now, List.of(event))
                .map(saved -> new AckView(saved.after().caseNo(), saved.after().title(), saved.after().state(),
                        found.contact()));
    }

    private record Found(Row row, CaseRecord c, Contact contact) {
    }

    /** The case and contact of a link that is still good, or the refusal that says why not. */
    private Future<Found> usable(SqlClient db, AckLink link, Instant now, boolean lock) {
        return PeopleStore.contacts(db, List.of(link.contact())).compose(contacts -> {
            Contact contact = contacts.get(link.contact());
            if (contact == null || !contact.enabled()) {
                throw new AckRefusedException(403, "contact " + link.contact() + " is disabled or no longer exists; "
                        + "this link no longer works", "联系人 " + link.contact() + " 已停用或不存在，此链接已失效");
            }
            return db.preparedQuery("select used_at from ack_links_used where case_id = $1 and event_seq = $2 "
                            + "and contact = $3").execute(Tuple.of(link.caseId(), link.eventSeq(), link.contact()))
                    .compose(usedRows -> {
                        if (usedRows.size() > 0) {
                            throw used();
                        }
                        return CaseSql.byId(db, link.caseId(), lock);
                    })
                    .map(row -> {
                        if (row.isEmpty()) {
                            throw new AckRefusedException(410, "case " + link.caseId() + " no longer exists",
                                    "案件 " + link.caseId() + " 已不存在");
                        }
                        CaseRecord c = CaseRows.toRecord(row.get());
                        if (c.state() != CaseState.COLLECTED) {
                            throw new AckRefusedException(409, "case " + c.caseNo() + " is " + c.state().wireName()
                                    + ": it no longer awaits acknowledgement", "案件 " + c.caseNo()
                                    + " 已不在待确认状态（当前：" + c.state().wireName() + "），无需再确认");
                        }
                        return new Found(row.get(), c, contact);
                    });
        });
    }

    private <T> Future<T> attempt(String token, BiFunction<AckLink, Instant, Future<T>> body) {
        try {
            AckLink link = signer.verify(token);
            Instant now = clock.instant();
            if (!now.isBefore(link.expires())) {
                String at = LOCAL.format(link.expires().atZone(DistrictTime.ZONE));
                throw new AckRefusedException(410, "this acknowledge link expired at " + at
                        + " (Asia/Shanghai); acknowledge in the app", "此确认链接已于 " + at + "（北京时间）过期，请在系统中确认");
            }
            return body.apply(link, now);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static AckRefusedException used() {
        return new AckRefusedException(410, "this acknowledge link was used already", "此确认链接已使用过");
    }
}
