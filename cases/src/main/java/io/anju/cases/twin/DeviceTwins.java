package io.anju.cases.twin;

import io.anju.cases.model.CaseState;
import io.anju.common.model.DeviceType;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a device's twin for the API: the keeper's last known state (only the id and type when nothing was seen of the
 * device yet) with the device's open cases from the case store.
 */
public final class DeviceTwins {
    /** Most open cases listed. */
    public static final int OPEN_ALERTS_SHOWN = 50;

    private final TwinKeeper keeper;
    private final Pool pool;

    public DeviceTwins(TwinKeeper keeper, Pool pool) {
        this.keeper = keeper;
        this.pool = pool;
    }

    /** The twin of a device the caller may see. */
    public Future<TwinView> of(String deviceId, DeviceType type) {
        return openAlerts(deviceId).map(open -> new TwinView(
                keeper.twin(deviceId).orElseGet(() -> TwinRules.empty(deviceId, type)), open));
    }

    private Future<List<OpenAlert>> openAlerts(String deviceId) {
        return pool.preparedQuery("select id, case_no, alert_type, category_code, severity, state, port, created_at "
                        + "from cases where device_id = $1 and state not in " + CaseState.ENDED_SQL
                        + " order by created_at desc, id desc limit $2")
                .execute(Tuple.of(deviceId, OPEN_ALERTS_SHOWN)).map(rows -> {
                    List<OpenAlert> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        OffsetDateTime opened = r.getOffsetDateTime("created_at");
                        out.add(new OpenAlert(r.getLong("id"), r.getString("case_no"), r.getString("alert_type"),
                                r.getString("category_code"), r.getString("severity"), r.getString("state"),
                                r.getInteger("port"), opened == null ? null : opened.toInstant()));
                    }
                    return out;
                });
    }
}
