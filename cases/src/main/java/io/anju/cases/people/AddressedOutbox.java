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
        if (!NotificationPolicy.KNOWN_KINDS.contains(notice.kind())) {
            return delegate.enqueue(tx, notice);
        }
        Instant now = clock.instant();
        return resolver.resolve(tx, notice.after(), now).compose(people -> {
            if (people.isEmpty()) {
                return delegate.enqueue(tx, notice);
            }
            return tx.preparedQuery(AUDIT).execute(Tuple.of(notice.event().seq(), audited(people).encode()))
                    .compose(done -> delegate.enqueue(tx, notice.addressedTo(people, links(notice, people, now))));
        });
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
