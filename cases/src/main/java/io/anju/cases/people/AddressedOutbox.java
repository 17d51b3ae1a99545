package io.anju.cases.people;

import io.anju.cases.model.CaseState;
import io.anju.cases.notify.CaseNotice;
import io.anju.cases.notify.NotificationPolicy;
import io.anju.cases.notify.Outbox;
import io.anju.cases.notify.Recipient;
import io.anju.cases.store.CaseRows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the people on duty on every notice people hear about, before handing it to the real {@link Outbox}: the
 * notice gets {@code recipients} and, while the case awaits acknowledgement ({@code collected}), a signed
 * acknowledge link per recipient. The recipients also go into the data of the notice's audit entry, in the same
 * transaction, so "who was told" can be answered later. Internal notice kinds (alert updates, deadlines set) that
 * only the export mirror carries are passed on unaddressed: resolving them would cost the intake for nothing.
 */
public final class AddressedOutbox implements Outbox {
    private static final String AUDIT = """
            update case_events set data = coalesce(data, '{}'::jsonb) || jsonb_build_object('recipients', $2::text::jsonb)
            where seq = $1""";

    private final Outbox delegate;
    private final RecipientResolver resolver;
    private final AckSigner signer;
    private final Clock clock;

    public AddressedOutbox(Outbox delegate, RecipientResolver resolver, AckSigner signer, Clock clock) {
        this.delegate = delegate;
        this.resolver = resolver;
        this.signer = signer;
        this.clock = clock;
    }

    @Override
    public Future<Void> enqueue(SqlConnection tx, CaseNotice notice) {
        return enqueueAll(tx, List.of(notice));
    }

    /** Resolves each notice's people in turn (a unit's rota is read once per transaction), then audits and queues all. */
    @Override
    public Future<Void> enqueueAll(SqlConnection tx, List<CaseNotice> notices) {
        Instant now = clock.instant();
        List<CaseNotice> out = new ArrayList<>(notices.size());
        List<Tuple> audits = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (CaseNotice notice : notices) {
            if (!NotificationPolicy.KNOWN_KINDS.contains(notice.kind())) {
                out.add(notice);
                continue;
            }
            int at = out.size();
            out.add(notice);
            chain = chain.compose(v -> resolver.resolve(tx, notice.after(), now).map(people -> {
                if (!people.isEmpty()) {
                    audits.add(Tuple.of(notice.event().seq(), audited(people).encode()));
                    out.set(at, notice.addressedTo(people, links(notice, people, now)));
                }
                return null;
            }));
        }
        return chain.compose(v -> audits.isEmpty() ? Future.<Void>succeededFuture()
                        : tx.preparedQuery(AUDIT).executeBatch(audits).<Void>mapEmpty())
                .compose(v -> delegate.enqueueAll(tx, out));
    }

    @Override
    public void wake() {
        delegate.wake();
    }

    /** Reads each unit's rota and contacts once for the transaction (on-duty is still worked out per notice). */
    @Override
    public Outbox forOneTransaction() {
        return new AddressedOutbox(delegate.forOneTransaction(), resolver.remembering(), signer, clock);
    }

    private Map<String, String> links(CaseNotice notice, List<Recipient> people, Instant now) {
        Map<String, String> links = new LinkedHashMap<>();
        if (notice.after().state() == CaseState.COLLECTED) {
            for (Recipient r : people) {
                links.put(r.name(), signer.url(notice.after().id(), notice.event().seq(), r.name(), now));
            }
        }
        return links;
    }

    /** The audit keeps who was told and on which channels; phone numbers stay in the contacts table. */
    private static JsonArray audited(List<Recipient> people) {
        JsonArray out = new JsonArray();
        for (Recipient r : people) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", r.name());
            entry.put("displayName", r.displayName());
            entry.put("channels", r.channels());
            out.add(CaseRows.dataJson(entry));
        }
        return out;
    }
}
