package io.anju.conformance.check;

import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.diagnostics.DiagnosticKind;
import io.anju.conformance.watch.DeviceLog;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** §1 Connecting: the device logs in with its id as client id and user name and its secret; keep-alive 60–600 s. */
public final class ConnectAuthCheck extends Check {
    public ConnectAuthCheck() {
        super("connect_auth", "1. Connecting");
    }

    @Override
    public Finding run(DeviceLog log) {
        List<DiagnosticEvent> connected = log.diagnostics(DiagnosticKind.CONNECTED);
        List<DiagnosticEvent> refusals = log.diagnostics(DiagnosticKind.REFUSED).stream()
                .filter(d -> !KitRefusals.isKits(log, d)).toList();
        List<String> evidence = new ArrayList<>();
        evidence.add(connected.size() + " connection(s) accepted, MQTT " + connected.stream().map(DiagnosticEvent::protocol)
                .distinct().collect(Collectors.joining(", ")) + "; keep-alive " + connected.stream()
                .map(d -> d.keepAliveS() + " s").distinct().collect(Collectors.joining(", ")));
        refusals.stream().limit(5).forEach(d -> evidence.add("refused (" + d.code() + "): " + d.reason()));
        if (connected.isEmpty()) {
            return finding(Verdict.FAIL, "the device never connected", evidence);
        }
        if (!refusals.isEmpty()) {
            return finding(Verdict.FAIL, refusals.size() + " CONNECT(s) refused by the gateway's own rules", evidence);
        }
        evidence.add("client id and user name are the device id (the gateway accepts no other login)");
        boolean keepAliveOff = connected.stream().anyMatch(d -> d.keepAliveS() == null
                || d.keepAliveS() < Contract.KEEP_ALIVE_MIN_S || d.keepAliveS() > Contract.KEEP_ALIVE_MAX_S);
        if (keepAliveOff) {
            return finding(Verdict.WARN, "keep-alive outside the recommended " + Contract.KEEP_ALIVE_MIN_S + "–"
                    + Contract.KEEP_ALIVE_MAX_S + " s", evidence);
        }
        return finding(Verdict.PASS, "connected and authenticated as itself", evidence);
    }
}
