package io.anju.cases.undelivered;

import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.Level;
import io.anju.cases.notify.Outbox;
import io.anju.cases.notify.OutboxRow;
import io.anju.cases.notify.UndeliveredNotices;
import io.anju.cases.routing.GridRouter;
import io.anju.cases.store.CaseChanges;
import io.anju.cases.store.CaseDraft;
import io.anju.cases.store.CaseSql;
import io.anju.cases.store.NewEvent;
import io.anju.common.alert.Severity;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A red notice must not be dropped (GB/T 45839). When the last of its deliveries on the channels that confirm
 * delivery (WeCom, DingTalk, SMS, the webhook; not the live SSE stream) has been given up and none of them delivered
 * it, the case gets an audited {@code notification_undelivered} entry naming each channel and its error, and is
 * escalated one level up the chain (grid → community → sub-district → district), which notifies the next level's
 * centre. At the district there is nowhere higher: the entry is written and the give-up logged. Each notice escalates
 * at most once; open cases only.
 */
public final class UndeliveredRedEscalation implements UndeliveredNotices {
    private static final Logger LOG = LoggerFactory.getLogger(UndeliveredRedEscalation.class);
    public static final String EVENT_KIND = CaseEvent.KIND_NOTIFICATION_UNDELIVERED;

    private static final String DELIVERIES = """
            select channel, delivered_at is not null as delivered, failed_at is not null as failed, last_error
              from outbox where case_id = $1 and event_seq = $2 and channel = any($3) order by channel""";
    private static final String ALREADY = """
            select 1 from case_events where case_id = $1 and kind = '%s' and data ->> 'noticeSeq' = $2"""
            .formatted(EVENT_KIND);

    private final GridRouter router;
    private final CaseChanges changes;
    private final String[] confirming;

    /**
     * @param confirming the names of the channels that confirm delivery ({@code DeliveryChannel#confirmsDelivery})
     */
    public UndeliveredRedEscalation(GridRouter router, Outbox outbox, Collection<String> confirming) {
        this.router = router;
        this.changes = new CaseChanges(outbox);
        this.confirming = confirming.stream().sorted().toArray(String[]::new);
    }

    @Override
    public Future<Boolean> givenUp(SqlConnection tx, OutboxRow row, Instant now) {
        return CaseSql.byId(tx, row.caseId(), true).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(false);
            }
            CaseDraft d = CaseDraft.of(found.get());
            if (d.severity != Severity.RED || !d.state.open()) {
                return Future.succeededFuture(false);
            }
            return tx.preparedQuery(DELIVERIES).execute(Tuple.of(row.caseId(), row.eventSeq(), confirming))
                    .compose(rows -> {
                        Map<String, String> errors = new LinkedHashMap<>();
                        for (Row r : rows) {
                            if (!r.getBoolean("failed")) {
                                // Delivered, or still being tried: the notice has reached or may reach someone.
                                return Future.succeededFuture(false);
                            }
                            errors.put(r.getString("channel"), r.getString("last_error"));
                        }
                        return tx.preparedQuery(ALREADY).execute(Tuple.of(row.caseId(), Long.toString(row.eventSeq())))
                                .compose(done -> done.size() > 0
                                        ? Future.succeededFuture(false)
                                        : escalate(tx, d, row, errors, now));
                    });
        });
    }

    private Future<Boolean> escalate(SqlConnection tx, CaseDraft d, OutboxRow row, Map<String, String> errors,
                                     Instant now) {
        List<NewEvent> events = new ArrayList<>();
        String failures = errors.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .reduce((a, b) -> a + ", " + b).orElse("");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("noticeSeq", Long.toString(row.eventSeq()));
        data.put("noticeKind", row.kind());
        data.put("channels", errors);
        data.put("level", d.assignedLevel.wireName());
        data.put("unit", d.assignedUnit);
        events.add(NewEvent.worded(EVENT_KIND, EVENT_KIND, null, null, data));

        Level from = d.assignedLevel;
        from.up().ifPresentOrElse(to -> {
            String fromUnit = d.assignedUnit;
            d.assignedLevel = to;
            d.assignedUnit = router.unitAt(to, d.location);
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("from", fromUnit);
            step.put("to", d.assignedUnit);
            step.put("fromLevel", from.wireName());
            step.put("level", to.wireName());
            step.put("reason", EVENT_KIND);
            step.put("noticeSeq", Long.toString(row.eventSeq()));
            events.add(NewEvent.worded("escalated", "escalated", null, null, step));
            LOG.warn("red case {}: the '{}' notice reached nobody ({}); escalated to {} {}", d.caseNo, row.kind(),
                    failures, to.wireName(), d.assignedUnit);
        }, () -> LOG.error("red case {}: the '{}' notice reached nobody ({}) and the district centre is the top of "
                + "the chain", d.caseNo, row.kind(), failures));
        return changes.update(tx, d, now, events).map(saved -> true);
    }
}
