package io.anju.conformance.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;
import io.anju.conformance.watch.DeviceLog;
import io.anju.conformance.watch.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * §3 telemetry cadence: crowd counters every 10 s; chargers every 90 s, and every 30 s while a port charges (only a
 * warning: the kit cannot tell when charging stopped between two readings). Gates and cameras send no telemetry.
 */
public final class TelemetryCadenceCheck extends Check {
    public TelemetryCadenceCheck() {
        super("telemetry_cadence", "3. Payloads (telemetry)");
    }

    @Override
    public Finding run(DeviceLog log) {
        long period = switch (log.type()) {
            case CHARGER -> Contract.CHARGER_IDLE_MS;
            case CROWD -> Contract.CROWD_MS;
            default -> 0;
        };
        if (period == 0) {
            return notApplicable("a " + log.type().wireName() + " sends no periodic telemetry");
        }
        List<Message> telemetry = log.on(Channel.TELEMETRY);
        long allowed = Gaps.allowed(period, log.scale());
        Gaps.Silence longest = Gaps.longest(log, telemetry.stream().map(Message::receivedAt).toList());
        List<String> evidence = new ArrayList<>();
        evidence.add(telemetry.size() + " telemetry message(s); longest silence " + Gaps.seconds(longest.length())
                + " (allowed " + Gaps.seconds(allowed) + ": 1.5 × " + Gaps.seconds(period) + ")");
        if (longest.length() > allowed) {
            return finding(Verdict.FAIL, "telemetry missing for " + Gaps.seconds(longest.length()), evidence);
        }
        if (log.type() == DeviceType.CHARGER) {
            long charging = Gaps.allowed(Contract.CHARGER_CHARGING_MS, log.scale());
            int slow = 0;
            for (int i = 1; i < telemetry.size(); i++) {
                Message before = telemetry.get(i - 1);
                boolean sameConnection = log.spanAt(before.receivedAt()) == log.spanAt(telemetry.get(i).receivedAt());
                if (sameConnection && charging(before.payload())
                        && telemetry.get(i).receivedAt() - before.receivedAt() > charging) {
                    slow++;
                }
            }
            if (slow > 0) {
                evidence.add(slow + " gap(s) longer than " + Gaps.seconds(charging) + " after a reading with a port charging");
                return finding(Verdict.WARN, "slower than every 30 s while charging", evidence);
            }
        }
        return finding(Verdict.PASS, "telemetry on time", evidence);
    }

    private static boolean charging(JsonNode payload) {
        for (JsonNode port : payload.path("ports")) {
            if ("charging".equals(port.path("state").asText())) {
                return true;
            }
        }
        return false;
    }
}
