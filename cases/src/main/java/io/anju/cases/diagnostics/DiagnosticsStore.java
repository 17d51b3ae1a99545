package io.anju.cases.diagnostics;

import io.anju.cases.commands.DeviceCommandHistory;
import io.anju.cases.store.CaseRows;
import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.json.Json;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The devices' diagnostics in the case store (table {@code device_diagnostics}, V17), bounded per device: the latest
 * {@link #CONNECTIONS_KEPT} connection outcomes and the latest {@link #REJECTIONS_KEPT} rejections. A batch is
 * inserted in one transaction that also prunes, for the devices it touched, the rows behind the bound; so a table
 * never holds more than the bound per registered device (and a batch), whatever a device's flood.
 * "Latest" is the order the records arrived in: a device's records share a partition, so that is the order its
 * gateway sent them in.
 */
public final class DiagnosticsStore {
    public static final int CONNECTIONS_KEPT = 100;
    public static final int REJECTIONS_KEPT = 50;
    public static final int COMMANDS_SHOWN = 50;

    private final Pool pool;
    private final Clock clock;
    private final DeviceCommandHistory commands;

    public DiagnosticsStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
        this.commands = new DeviceCommandHistory(pool);
    }

    /** What one batch did: rows inserted, and rows pruned behind the bound. */
    public record Stored(int inserted, int pruned) {
    }

    /** Inserts {@code events} (each naming a registered device) and prunes behind the bound, in one transaction. */
    public Future<Stored> record(List<DiagnosticEvent> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture(new Stored(0, 0));
        }
        Instant now = clock.instant();
        List<Tuple> rows = new ArrayList<>(events.size());
        Set<String> devices = new LinkedHashSet<>();
        for (DiagnosticEvent e : events) {
            rows.add(Tuple.of(e.deviceId(), DiagnosticFamily.of(e.kind()).wireName(),
                    CaseRows.time(Instant.ofEpochMilli(e.ts())), CaseRows.time(now), Json.toString(e)));
            devices.add(e.deviceId());
        }
        return pool.withTransaction(tx -> tx.preparedQuery("insert into device_diagnostics (device_id, family, ts, "
                        + "received_at, event) values ($1, $2, $3, $4, $5::text::jsonb)")
                .executeBatch(rows)
                .compose(inserted -> tx.preparedQuery("delete from device_diagnostics where id in (select id from "
                                + "(select id, family, row_number() over (partition by device_id, family order by id desc) "
                                + "as n from device_diagnostics where device_id = any($1)) r "
                                + "where n > case when family = 'connection' then $2::int else $3::int end)")
                        .execute(Tuple.of(devices.toArray(String[]::new), CONNECTIONS_KEPT, REJECTIONS_KEPT)))
                .map(pruned -> new Stored(events.size(), pruned.rowCount())));
    }

    /** The device's diagnostics and command history, newest first. */
    public Future<DeviceDiagnostics> of(String deviceId) {
        Future<List<DiagnosticEvent>> connections = latest(deviceId, DiagnosticFamily.CONNECTION, CONNECTIONS_KEPT);
        Future<List<DiagnosticEvent>> rejections = latest(deviceId, DiagnosticFamily.REJECTION, REJECTIONS_KEPT);
        var history = commands.of(deviceId, COMMANDS_SHOWN);
        return Future.all(connections, rejections, history).map(all -> new DeviceDiagnostics(deviceId,
                connections.result(), rejections.result(), history.result()));
    }

    private Future<List<DiagnosticEvent>> latest(String deviceId, DiagnosticFamily family, int limit) {
        return pool.preparedQuery("select event::text from device_diagnostics where device_id = $1 and family = $2 "
                        + "order by id desc limit $3")
                .execute(Tuple.of(deviceId, family.wireName(), limit)).map(rows -> {
                    List<DiagnosticEvent> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(Json.fromBytes(r.getString(0).getBytes(StandardCharsets.UTF_8),
                                DiagnosticEvent.class));
                    }
                    return out;
                });
    }
}
