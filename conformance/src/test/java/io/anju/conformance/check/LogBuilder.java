package io.anju.conformance.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.diagnostics.DiagnosticKind;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;
import io.anju.conformance.watch.Delivery;
import io.anju.conformance.watch.DeviceLog;
import io.anju.conformance.watch.KitActions;
import io.anju.conformance.watch.Message;
import io.anju.conformance.watch.Rejected;
import io.anju.conformance.watch.SentCommand;
import io.anju.conformance.watch.TimeScale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-built observation logs of one device, at real time (speed 1) from t = 0 unless told otherwise. */
final class LogBuilder {
    static final String ID = "chg-0001-1";
    private final DeviceType type;
    private TimeScale scale = new TimeScale(0, 1, () -> 0);
    private final List<Message> messages = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private final List<DiagnosticEvent> diagnostics = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<SentCommand> commands = new ArrayList<>();
    private KitActions kit = KitActions.NONE;
    private long seq;

    LogBuilder(DeviceType type) {
        this.type = type;
    }

    static LogBuilder charger() {
        return new LogBuilder(DeviceType.CHARGER);
    }

    LogBuilder speed(double speed) {
        scale = new TimeScale(0, speed, () -> 0);
        return this;
    }

    LogBuilder connected(long at, String protocol) {
        diagnostics.add(new DiagnosticEvent(at, "gw", ID, DiagnosticKind.CONNECTED, "accepted", "ok", protocol,
                "127.0.0.1:5000", 60, null, null, null));
        return this;
    }

    LogBuilder connected(long at) {
        return connected(at, "3.1.1");
    }

    LogBuilder disconnected(long at, String code) {
        diagnostics.add(new DiagnosticEvent(at, "gw", ID, DiagnosticKind.DISCONNECTED, code, code, "3.1.1",
                "127.0.0.1:5000", null, null, null, null));
        return this;
    }

    LogBuilder refused(long at, String code) {
        diagnostics.add(new DiagnosticEvent(at, "gw", ID, DiagnosticKind.REFUSED, code, code, "3.1.1",
                "127.0.0.1:5000", null, null, null, null));
        return this;
    }

    LogBuilder diagnostic(DiagnosticKind kind, long at, String code) {
        diagnostics.add(new DiagnosticEvent(at, "gw", ID, kind, code, code, "5", "127.0.0.1:5000", null,
                "anju/v1/charger/other/telemetry", null, null));
        return this;
    }

    /** A message received at {@code at}, stamped {@code ts}, with the next seq. */
    LogBuilder message(Channel channel, long at, long ts, String json) {
        JsonNode payload = tree(json.isEmpty() ? "{\"seq\":" + seq + "}" : json.replace("SEQ", String.valueOf(seq)));
        messages.add(new Message(channel, ts, channel == Channel.SNAPSHOT ? null : seq, at, false, payload));
        seq = (seq + 1) % Contract.SEQ_MODULUS;
        return this;
    }

    LogBuilder status(long at) {
        return message(Channel.STATUS, at, at, "{\"ts\":" + at + ",\"seq\":SEQ,\"state\":\"online\"}");
    }

    LogBuilder will(long at, long ts) {
        messages.add(new Message(Channel.STATUS, ts, 0L, at, false, tree("{\"state\":\"offline\"}")));
        return this;
    }

    LogBuilder seq(long next) {
        seq = next;
        return this;
    }

    LogBuilder rejected(long at, Channel channel, String reason, String payload) {
        rejected.add(new Rejected(at, channel, reason, payload));
        return this;
    }

    LogBuilder sent(String id, String action, boolean supported, long at) {
        commands.add(new SentCommand(id, action, supported, at));
        return this;
    }

    LogBuilder delivery(String id, String outcome, long at) {
        deliveries.add(new Delivery(id, outcome, at, null));
        return this;
    }

    LogBuilder reply(String id, String result, long at) {
        return message(Channel.COMMAND_REPLY, at, at,
                "{\"id\":\"" + id + "\",\"ts\":" + at + ",\"seq\":SEQ,\"result\":\"" + result + "\",\"detail\":\"d\"}");
    }

    LogBuilder kit(long droppedAt, long refusedUntil) {
        kit = new KitActions(droppedAt, refusedUntil);
        return this;
    }

    DeviceLog until(long watchEnd) {
        return new DeviceLog(ID, type, scale, 0, watchEnd, messages, rejected, diagnostics, deliveries, commands, kit);
    }

    static JsonNode tree(String json) {
        try {
            return Json.tree(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
