package io.anju.cases.commands;

import io.anju.common.alert.AlertStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The alerts that caused the stops a resume of a port would undo, as the command records name them
 * ({@code command_outcomes}): the port's stops since the last resume issued for it, whether people issued them for a
 * case (its {@code request} row names the case's alert, or none for a case reported by hand) or the alerting job sent
 * them (its delivery reports, confirmations and retries name the alert). A stop the cap withheld was never sent and
 * stops nothing.
 * <p>
 * Whether such an alert is open is what the cases that name it say (an ended case's too, {@code EndedCaseAlerts}); an
 * alert no case names any more was followed by a new episode of its key, so it cleared; one this service never
 * received is taken to be open.
 */
final class StopAlerts {
    /** An alert that caused a stop of the port; {@code type} is null when no case names it. */
    record StopAlert(String alertId, String type, boolean open) {
    }

    private static final String PORTS_STOP = "o.data->>'deviceId' = $1 and o.data->>'action' = 'stop_port' "
            + "and (o.kind in ('" + CommandOutcomes.REQUEST_KIND + "', 'delivery') "
            + "or (o.kind = 'confirmation' and o.outcome in ('confirmed', 'retried', 'unconfirmed'))) "
            // a delivery report names no port: the port of its alert's case
            + "and (o.data->>'port' = $2 or (o.data->'port' is null and exists (select 1 from cases c "
            + "where c.alert_id = o.alert_id and c.device_id = $1 and c.port = $3)))";
    private static final String LAST_RESUME = "select coalesce(max(r.id), 0) from command_outcomes r "
            + "where r.kind = '" + CommandOutcomes.REQUEST_KIND + "' and r.data->>'deviceId' = $1 "
            + "and r.data->>'port' = $2 and r.data->>'action' = 'resume_port'";

    private final Pool pool;

    StopAlerts(Pool pool) {
        this.pool = pool;
    }

    /**
     * The alerts of the port's stops since its last resume, oldest stop first; empty when no stop of it is on record
     * (an empty list: stops of cases without an alert only).
     */
    Future<Optional<List<StopAlert>>> of(String deviceId, int port) {
        return pool.preparedQuery("select s.alert_id, "
                        + "(select c.alert_type from cases c where c.alert_id = s.alert_id order by c.id desc limit 1) "
                        + "as alert_type, (exists (select 1 from cases c where c.alert_id = s.alert_id "
                        + "and c.alert_status is distinct from $4) or not exists (select 1 from alert_receipts a "
                        + "where a.alert_id = s.alert_id)) as open "
                        + "from (select o.alert_id, min(o.id) as first from command_outcomes o where " + PORTS_STOP
                        + " and o.id > (" + LAST_RESUME + ") group by o.alert_id) s order by s.first")
                .execute(Tuple.of(deviceId, Integer.toString(port), port, AlertStatus.CLEARED.wireName()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    List<StopAlert> alerts = new ArrayList<>();
                    for (Row r : rows) {
                        if (r.getString("alert_id") != null) {
                            alerts.add(new StopAlert(r.getString("alert_id"), r.getString("alert_type"),
                                    r.getBoolean("open")));
                        }
                    }
                    return Optional.of(alerts);
                });
    }
}
