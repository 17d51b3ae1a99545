package io.anju.cases.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anju.cases.json.CasesJson;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * One device's commands as the case service recorded them in {@code command_outcomes}: the commands people issued for
 * a case ({@code request}), the gateway's delivery reports, the device's replies and the alerting job's confirmations,
 * newest first. Each row is a {@link CommandOutcome}; {@code caseId} names the case it was filed in, once it was.
 */
public final class DeviceCommandHistory {
    private final Pool pool;

    public DeviceCommandHistory(Pool pool) {
        this.pool = pool;
    }

    /** The device's latest {@code limit} command records, newest first. */
    public Future<List<CommandOutcome>> of(String deviceId, int limit) {
        return pool.preparedQuery("select (jsonb_strip_nulls(data || jsonb_build_object('caseId', case_id)))::text "
                        + "from command_outcomes where data->>'deviceId' = $1 order by id desc limit $2")
                .execute(Tuple.of(deviceId, limit)).map(rows -> {
                    List<CommandOutcome> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(read(r.getString(0)));
                    }
                    return out;
                });
    }

    private static CommandOutcome read(String json) {
        try {
            return CasesJson.mapper().readValue(json, CommandOutcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable command outcome " + json, e);
        }
    }
}
