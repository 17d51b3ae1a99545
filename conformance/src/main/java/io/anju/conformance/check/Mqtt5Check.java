package io.anju.conformance.check;

import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.diagnostics.DiagnosticKind;
import io.anju.conformance.watch.DeviceLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * §1–§4 on MQTT 5: the device keeps the limits it and the gateway announced (no connection closed for a protocol
 * error, Receive Maximum, quota or packet size; a Maximum Packet Size that takes the platform's commands). PUBACKs
 * with 0x99 / 0x87 are counted here as a warning; the schema and topics checks fail on them.
 */
public final class Mqtt5Check extends Check {
    static final Set<String> MQTT5_BREACHES = Set.of("protocol_error", "malformed_packet", "receive_maximum_exceeded",
            "quota_exceeded", "packet_too_large");

    public Mqtt5Check() {
        super("mqtt5", "1. Connecting, 2. Topics, 4. Delivery guarantees (MQTT 5)");
    }

    @Override
    public Finding run(DeviceLog log) {
        if (!log.protocol().map("5"::equals).orElse(false)) {
            return notApplicable("the device connected with MQTT " + log.protocol().orElse("(never)"));
        }
        List<DiagnosticEvent> breaches = log.diagnostics(DiagnosticKind.DISCONNECTED).stream()
                .filter(d -> MQTT5_BREACHES.contains(d.code())).toList();
        long tooLarge = log.deliveries().stream().filter(d -> d.outcome().equals("too_large")).count();
        long payloadInvalid = log.diagnostics(DiagnosticKind.PAYLOAD_REJECTED).size();
        long notAuthorized = log.diagnostics(DiagnosticKind.PUBLISH_REFUSED).size();
        List<String> evidence = new ArrayList<>();
        breaches.stream().limit(5).forEach(d -> evidence.add("closed (" + d.code() + "): " + d.reason()));
        if (tooLarge > 0) {
            evidence.add(tooLarge + " command(s) not sent: larger than the Maximum Packet Size the device announced");
        }
        evidence.add("PUBACK 0x99 Payload format invalid: " + payloadInvalid + ", 0x87 Not authorized: " + notAuthorized);
        if (!breaches.isEmpty() || tooLarge > 0) {
            return finding(Verdict.FAIL, "MQTT 5 limits broken", evidence);
        }
        if (payloadInvalid + notAuthorized > 0) {
            return finding(Verdict.WARN, "the gateway answered with negative reason codes", evidence);
        }
        return finding(Verdict.PASS, "MQTT 5 used within its limits", evidence);
    }
}
