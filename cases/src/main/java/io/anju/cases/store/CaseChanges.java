package io.anju.cases.store;

import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.notify.CaseNotice;
import io.anju.cases.notify.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one change of a case inside the caller's transaction, in the order the audit trail needs: the row
 * (version + 1, updated_at), then an event per entry, then a notice per event into the {@link Outbox}.
 * The caller commits and then calls {@link Outbox#wake()}.
 */
public final class CaseChanges {
    private final Outbox outbox;

    /** The case after the change and the events written for it, in order. */
    public record Saved(CaseRecord after, List<CaseEvent> events) {
    }

    public CaseChanges(Outbox outbox) {
        this.outbox = outbox;
    }

    public Future<Saved> insert(SqlConnection tx, CaseDraft draft, Instant now, List<NewEvent> events) {
        draft.createdAt = now;
        draft.updatedAt = now;
        return CaseSql.insert(tx, draft).compose(row -> record(tx, CaseRows.toRecord(row), now, events));
    }

    /**
     * Many new cases, each with its entries, as {@link #insert} would write them one by one, in a few batches. {@code now}
     * must be whole microseconds (the records are built from the drafts, not read back).
     */
    public Future<List<Saved>> insertAll(SqlConnection tx, List<CaseDraft> drafts, Instant now,
                                         List<List<NewEvent>> events) {
        drafts.forEach(d -> {
            d.createdAt = now;
            d.updatedAt = now;
        });
        return CaseSql.insertAll(tx, drafts).compose(v -> {
            List<CaseRecord> after = drafts.stream().map(CaseDraft::toRecord).toList();
            List<EventSql.Entry> entries = new ArrayList<>();
            for (int i = 0; i < after.size(); i++) {
                for (NewEvent e : events.get(i)) {
                    entries.add(new EventSql.Entry(after.get(i).id(), e));
                }
            }
            return EventSql.insertAll(tx, now, entries).compose(written -> {
                List<Saved> saved = new ArrayList<>(after.size());
                List<CaseNotice> notices = new ArrayList<>(written.size());
                int next = 0;
                for (int i = 0; i < after.size(); i++) {
                    List<CaseEvent> mine = written.subList(next, next + events.get(i).size());
                    next += mine.size();
                    for (int j = 0; j < mine.size(); j++) {
                        notices.add(new CaseNotice(events.get(i).get(j).noticeKind(), after.get(i), mine.get(j)));
                    }
                    saved.add(new Saved(after.get(i), List.copyOf(mine)));
                }
                return outbox.enqueueAll(tx, notices).map(done -> saved);
            });
        });
    }

    public Future<Saved> update(SqlConnection tx, CaseDraft draft, Instant now, List<NewEvent> events) {
        draft.updatedAt = now;
        return CaseSql.update(tx, draft).compose(row -> record(tx, CaseRows.toRecord(row), now, events));
    }

    private Future<Saved> record(SqlConnection tx, CaseRecord after, Instant now, List<NewEvent> events) {
        List<CaseEvent> written = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (NewEvent e : events) {
            chain = chain.compose(v -> EventSql.insert(tx, after.id(), now, e))
                    .compose(event -> {
                        written.add(event);
                        return outbox.enqueue(tx, new CaseNotice(e.noticeKind(), after, event));
                    });
        }
        return chain.map(v -> new Saved(after, written));
    }
}
