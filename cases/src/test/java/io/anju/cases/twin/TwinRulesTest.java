package io.anju.cases.twin;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.diagnostics.DiagnosticKind;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Envelope;
import io.anju.common.twin.DeviceTwin;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The merge rules: the newer receive time wins per part, ports merge by number, a Will is offline, repeats are no-ops. */
class TwinRulesTest {
    private static final String ID = "chg-1";

    @Test
    void aNewerStatusWinsAndAnOlderOneChangesNothing() {
        DeviceTwin t = TwinRules.apply(empty(), status(2_000, "{\"state\":\"online\",\"fw\":\"1.4.2\",\"rssi\":-71}"));
        assertThat(t.status().state()).isEqualTo("online");
        assertThat(t.status().firmware()).isEqualTo("1.4.2");
        assertThat(t.status().rssi()).isEqualTo(-71);
        assertThat(t.lastSeenAt()).isEqualTo(2_000);

        DeviceTwin older = TwinRules.apply(t, status(1_000, "{\"state\":\"offline\"}"));
        assertThat(older).as("an older status changes nothing").isSameAs(t);
        assertThat(TwinRules.apply(t, status(2_000, "{\"state\":\"online\",\"fw\":\"1.4.2\",\"rssi\":-71}")))
                .as("the same record again changes nothing").isSameAs(t);
    }

    @Test
    void aWillIsOfflineAndKeepsTheFirmwareLastReported() {
        DeviceTwin online = TwinRules.apply(empty(), status(1_000, "{\"state\":\"online\",\"fw\":\"2.0.1\"}"));
        DeviceTwin will = TwinRules.apply(online, status(5_000, "{\"state\":\"offline\"}"));
        assertThat(will.status().state()).isEqualTo("offline");
        assertThat(will.status().firmware()).isEqualTo("2.0.1");
        assertThat(will.status().receivedAt()).isEqualTo(5_000);
    }

    @Test
    void portsMergeByNumberEachKeepingItsNewestReading() {
        DeviceTwin both = TwinRules.apply(empty(), telemetry(1_000,
                "{\"ports\":[{\"no\":1,\"state\":\"charging\",\"powerW\":199.3,\"tempC\":38.5},"
                        + "{\"no\":2,\"state\":\"idle\",\"powerW\":0}]}"));
        DeviceTwin onlyTwo = TwinRules.apply(both, telemetry(2_000,
                "{\"ports\":[{\"no\":2,\"state\":\"charging\",\"powerW\":150}]}"));
        assertThat(onlyTwo.ports()).extracting(DeviceTwin.Port::no).containsExactly(1, 2);
        assertThat(onlyTwo.ports().get(0).state()).as("port 1 as its last reading").isEqualTo("charging");
        assertThat(onlyTwo.ports().get(0).tempC()).isEqualTo(38.5);
        assertThat(onlyTwo.ports().get(1).powerW()).isEqualTo(150.0);
        assertThat(onlyTwo.ports().get(1).receivedAt()).isEqualTo(2_000);
        assertThat(onlyTwo.telemetry().receivedAt()).isEqualTo(2_000);

        DeviceTwin late = TwinRules.apply(onlyTwo, telemetry(1_500,
                "{\"ports\":[{\"no\":1,\"state\":\"fault\"},{\"no\":2,\"state\":\"full\"},{\"no\":3,\"state\":\"idle\"}]}"));
        assertThat(late.ports().get(0).state()).as("newer than port 1's own reading").isEqualTo("fault");
        assertThat(late.ports().get(1).state()).as("older than port 2's own reading").isEqualTo("charging");
        assertThat(late.ports()).as("a port seen for the first time is added, in order")
                .extracting(DeviceTwin.Port::no).containsExactly(1, 2, 3);
        assertThat(late.telemetry().receivedAt()).as("the newer telemetry stays").isEqualTo(2_000);
    }

    @Test
    void connectionsAndProblemsComeFromDiagnosticsNewestFirst() {
        DeviceTwin connected = TwinRules.apply(empty(), diagnostic(1_000, DiagnosticKind.CONNECTED, null));
        assertThat(connected.connection().state()).isEqualTo("connected");
        assertThat(connected.connection().node()).isEqualTo("gw-1");
        assertThat(connected.lastSeenAt()).as("diagnostics are not messages of the device").isNull();

        DeviceTwin gone = TwinRules.apply(connected, diagnostic(3_000, DiagnosticKind.DISCONNECTED, "keep_alive_timeout"));
        assertThat(gone.connection().state()).isEqualTo("disconnected");
        assertThat(gone.connection().code()).isEqualTo("keep_alive_timeout");
        assertThat(TwinRules.apply(gone, diagnostic(2_000, DiagnosticKind.CONNECTED, null))).isSameAs(gone);

        DeviceTwin rejected = TwinRules.apply(gone, diagnostic(4_000, DiagnosticKind.PAYLOAD_REJECTED, "bad_value"));
        assertThat(rejected.lastError().kind()).isEqualTo("payload_rejected");
        assertThat(rejected.lastError().code()).isEqualTo("bad_value");
        assertThat(rejected.lastError().at()).isEqualTo(4_000);
        assertThat(rejected.connection()).as("a rejection leaves the connection").isEqualTo(gone.connection());
        assertThat(TwinRules.apply(rejected, diagnostic(3_500, DiagnosticKind.REFUSED, "bad_credentials")))
                .isSameAs(rejected);
    }

    @Test
    void aTwinSurvivesItsJsonOnTheTopic() {
        DeviceTwin t = TwinRules.apply(TwinRules.apply(empty(), telemetry(1_000,
                "{\"mainsV\":228.4,\"ports\":[{\"no\":1,\"state\":\"idle\",\"voltageV\":0}]}")),
                diagnostic(1_100, DiagnosticKind.CONNECTED, null));
        assertThat(Json.fromBytes(Json.toBytes(t), DeviceTwin.class)).isEqualTo(t);
    }

    private static DeviceTwin empty() {
        return TwinRules.empty(ID, DeviceType.CHARGER);
    }

    private static Envelope status(long receivedAt, String payload) {
        return envelope(Channel.STATUS, receivedAt, payload);
    }

    private static Envelope telemetry(long receivedAt, String payload) {
        return envelope(Channel.TELEMETRY, receivedAt, payload);
    }

    private static Envelope envelope(Channel channel, long receivedAt, String payload) {
        try {
            JsonNode node = Json.tree(payload.getBytes(StandardCharsets.UTF_8));
            return new Envelope(ID, DeviceType.CHARGER, channel, receivedAt - 10, 1, receivedAt, "gw-1", false, null,
                    node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DiagnosticEvent diagnostic(long ts, DiagnosticKind kind, String code) {
        return new DiagnosticEvent(ts, "gw-1", ID, kind, code, code == null ? null : "because " + code, "5",
                "10.0.0.7:1", null, null, null, null);
    }
}
