package io.anju.gateway.mqtt;

import io.anju.common.model.Channel;
import io.anju.gateway.ingest.InboundMessage;
import io.anju.gateway.ingest.IngestResult;
import io.anju.gateway.testing.GatewayHarness;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static io.anju.gateway.testing.GatewayHarness.send;
import static io.anju.gateway.testing.GatewayHarness.written;
import static io.anju.gateway.testing.MqttPackets.V311;
import static io.anju.gateway.testing.MqttPackets.V5;
import static io.anju.gateway.testing.MqttPackets.publish;
import static io.anju.gateway.testing.MqttPackets.pubRel;
import static io.anju.gateway.testing.MqttPackets.subscribe;
import static io.anju.gateway.testing.MqttPackets.utf8;
import static io.anju.gateway.testing.TestDevices.CAMERA;
import static io.anju.gateway.testing.TestDevices.CHARGER;
import static io.anju.gateway.testing.TestDevices.CHARGER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/** PUBLISH, PUBREL and SUBSCRIBE: topic ACL, acknowledgement after ingest, QoS 2. */
class MqttPublishTest {
    @org.junit.jupiter.api.AfterEach
    void releaseChannels() {
        GatewayHarness.releaseAll();
    }

    private static final String TELEMETRY = "anju/v1/charger/" + CHARGER + "/telemetry";
    private static final byte[] JSON = utf8("{\"ts\":1764378000000,\"seq\":1}");

    private final GatewayHarness gw = new GatewayHarness();

    @Test
    void publishQos1_whenIngestNotYetComplete_thenNoPubAck_andPubAckAfterAccepted() {
        gw.ingest.manual();
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, publish(V311, TELEMETRY, 1, 7, JSON));
        assertThat(written(ch)).isEmpty();
        InboundMessage m = gw.ingest.messages().get(0);
        assertThat(m.device().id()).isEqualTo(CHARGER);
        assertThat(m.channel()).isEqualTo(Channel.TELEMETRY);
        assertThat(m.payload()).isEqualTo(JSON);
        assertThat(m.qos()).isEqualTo(1);
        assertThat(m.receivedAt()).isEqualTo(GatewayHarness.WALL_CLOCK_MS);

        gw.ingest.complete(0, IngestResult.ACCEPTED);
        assertThat(written(ch)).containsExactly(0x40, 0x02, 0x00, 0x07);  // PUBACK, length 2, packet id 7
        assertThat(gw.metrics.count("anju.gateway.messages", "type", "charger", "status", "forwarded")).isEqualTo(1);
    }

    @Test
    void publishQos1_whenCompletedOutOfOrder_thenPubAcksFollowCompletionOrder() {
        gw.ingest.manual();
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, publish(V311, TELEMETRY, 1, 1, JSON));
        send(ch, publish(V311, TELEMETRY, 1, 2, JSON));
        gw.ingest.complete(1, IngestResult.ACCEPTED);
        assertThat(written(ch)).containsExactly(0x40, 0x02, 0x00, 0x02);
        gw.ingest.complete(0, IngestResult.ACCEPTED);
        assertThat(written(ch)).containsExactly(0x40, 0x02, 0x00, 0x01);
    }

    @Test
    void publishQos0_thenIngestedWithoutAck() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, publish(V311, TELEMETRY, 0, 0, JSON));
        assertThat(gw.ingest.messages()).hasSize(1);
        assertThat(gw.ingest.messages().get(0).qos()).isZero();
        assertThat(written(ch)).isEmpty();
    }

    @Test
    void publish5_whenQuarantined_thenPubAck0x99() {
        gw.ingest.autoComplete(new IngestResult.Quarantined("missing seq"));
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, publish(V5, TELEMETRY, 1, 3, utf8("not json")));
        assertThat(written(ch)).containsExactly(0x40, 0x04, 0x00, 0x03, 0x99, 0x00); // PUBACK, packet id 3, payload format invalid
        assertThat(ch.isActive()).isTrue();
        assertThat(gw.metrics.count("anju.gateway.messages", "type", "charger", "status", "quarantined")).isEqualTo(1);
    }

    @Test
    void publish311_whenQuarantined_thenPlainPubAck() {
        gw.ingest.autoComplete(new IngestResult.Quarantined("missing seq"));
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, publish(V311, TELEMETRY, 1, 3, utf8("not json")));
        assertThat(written(ch)).containsExactly(0x40, 0x02, 0x00, 0x03);
    }

    @Test
    void publish311_whenIngestUnavailable_thenClosedWithoutPubAck() {
        gw.ingest.autoComplete(new IngestResult.Unavailable("broker down"));
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, publish(V311, TELEMETRY, 1, 4, JSON));
        assertThat(written(ch)).isEmpty();
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void publish5_whenIngestUnavailable_thenDisconnectServerBusyWithoutPubAck() {
        gw.ingest.autoComplete(new IngestResult.Unavailable("broker down"));
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, publish(V5, TELEMETRY, 1, 4, JSON));
        assertThat(written(ch)).containsExactly(0xE0, 0x02, 0x89, 0x00); // DISCONNECT server busy, no PUBACK
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void publish311_whenOutsideOwnTopic_thenConnectionClosed() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, publish(V311, "anju/v1/camera/" + CAMERA + "/event", 1, 5, JSON));
        assertThat(written(ch)).isEmpty();
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.ingest.messages()).isEmpty();
        assertThat(gw.metrics.count("anju.gateway.messages", "type", "charger", "status", "unauthorized")).isEqualTo(1);
    }

    @Test
    void publish5_whenOutsideOwnTopic_thenPubAck0x87AndStaysConnected() {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, publish(V5, "anju/v1/charger/chg-0002/telemetry", 1, 5, JSON));
        assertThat(written(ch)).containsExactly(0x40, 0x04, 0x00, 0x05, 0x87, 0x00); // PUBACK not authorized
        assertThat(ch.isActive()).isTrue();
        assertThat(gw.ingest.messages()).isEmpty();
    }

    @Test
    void publish5_whenOnDownlinkCommandChannel_thenPubAck0x87() {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, publish(V5, "anju/v1/charger/" + CHARGER + "/command", 1, 6, JSON));
        assertThat(written(ch)).containsExactly(0x40, 0x04, 0x00, 0x06, 0x87, 0x00);
    }

    @Test
    void publish311_whenWildcardInTopic_thenConnectionClosed() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, publish(V311, "anju/v1/charger/+/telemetry", 1, 8, JSON));
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.ingest.messages()).isEmpty();
    }

    @Test
    void publish5_whenWildcardInTopic_thenDisconnectAndClose() {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, publish(V5, "anju/v1/charger/" + CHARGER + "/#", 1, 8, JSON));
        byte[] out = written(ch);
        assertThat(out[0]).isEqualTo((byte) 0xE0);                                    // DISCONNECT
        assertThat(out[2]).isEqualTo((byte) 0x82);                                    // protocol error
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.ingest.messages()).isEmpty();
    }

    @Test
    void publish_whenSnapshot_thenSnapshotChannelWithItsId() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        send(ch, publish(V311, "anju/v1/charger/" + CHARGER + "/snapshot/snap_2025-11-29_01", 1, 9, jpeg));
        InboundMessage m = gw.ingest.messages().get(0);
        assertThat(m.channel()).isEqualTo(Channel.SNAPSHOT);
        assertThat(m.snapshotId()).isEqualTo("snap_2025-11-29_01");
        assertThat(m.payload()).isEqualTo(jpeg);
    }

    @Test
    void publish5_whenSnapshotIdInvalid_thenRefused0x87() {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, publish(V5, "anju/v1/charger/" + CHARGER + "/snapshot/" + "x".repeat(65), 1, 9, new byte[]{1}));
        assertThat(written(ch)).containsExactly(0x40, 0x04, 0x00, 0x09, 0x87, 0x00);
        send(ch, publish(V5, "anju/v1/charger/" + CHARGER + "/snapshot/a.jpg", 1, 10, new byte[]{1}));
        assertThat(written(ch)).containsExactly(0x40, 0x04, 0x00, 0x0A, 0x87, 0x00);
        assertThat(gw.ingest.messages()).isEmpty();
    }

    @Test
    void publish_whenCommandReply_thenCommandReplyChannel() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, publish(V311, "anju/v1/charger/" + CHARGER + "/command/reply", 1, 11, JSON));
        assertThat(gw.ingest.messages().get(0).channel()).isEqualTo(Channel.COMMAND_REPLY);
    }

    @Test
    void publishQos2_thenPubRecAfterIngest_duplicateNotIngestedTwice_pubRelGetsPubComp() {
        gw.ingest.manual();
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, publish(V311, TELEMETRY, 2, 9, JSON));
        send(ch, publish(V311, TELEMETRY, 2, 9, JSON, true));       // DUP while still in ingest
        assertThat(written(ch)).isEmpty();
        gw.ingest.complete(0, IngestResult.ACCEPTED);
        assertThat(written(ch)).containsExactly(0x50, 0x02, 0x00, 0x09); // PUBREC, packet id 9

        send(ch, publish(V311, TELEMETRY, 2, 9, JSON, true));       // DUP after PUBREC (PUBREC lost)
        assertThat(written(ch)).containsExactly(0x50, 0x02, 0x00, 0x09);
        assertThat(gw.ingest.messages()).hasSize(1);

        send(ch, pubRel(9));
        assertThat(written(ch)).containsExactly(0x70, 0x02, 0x00, 0x09); // PUBCOMP, packet id 9

        send(ch, publish(V311, TELEMETRY, 2, 9, JSON));             // id 9 released: a new message
        assertThat(gw.ingest.messages()).hasSize(2);
    }

    @Test
    void publishQos2_mqtt5_whenQuarantined_thenPubRec0x99EndsTheExchange() {
        gw.ingest.autoComplete(new IngestResult.Quarantined("not json"));
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, publish(V5, TELEMETRY, 2, 12, utf8("nope")));
        assertThat(written(ch)).containsExactly(0x50, 0x04, 0x00, 0x0C, 0x99, 0x00); // PUBREC payload format invalid
        send(ch, pubRel(12));
        assertThat(written(ch)).containsExactly(0x70, 0x04, 0x00, 0x0C, 0x92, 0x00); // no PUBREL expected: id unknown
    }

    @Test
    void unsubscribe_thenUnsubAck() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        String filter = "anju/v1/charger/" + CHARGER + "/command";
        byte[] unsubscribe = new byte[4 + 2 + filter.length()];
        unsubscribe[0] = (byte) 0xA2;                               // UNSUBSCRIBE (reserved flags 0010)
        unsubscribe[1] = (byte) (2 + 2 + filter.length());          // remaining length
        unsubscribe[3] = 0x05;                                      // packet id 5
        unsubscribe[5] = (byte) filter.length();                    // topic filter length
        System.arraycopy(utf8(filter), 0, unsubscribe, 6, filter.length());
        send(ch, unsubscribe);
        assertThat(written(ch)).containsExactly(0xB0, 0x02, 0x00, 0x05); // UNSUBACK, packet id 5
    }

    @Test
    void pubRel5_whenPacketIdUnknown_thenPubComp0x92() {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, pubRel(77));
        assertThat(written(ch)).containsExactly(0x70, 0x04, 0x00, 0x4D, 0x92, 0x00); // PUBCOMP packet identifier not found
    }

    @Test
    void subscribe_whenOwnCommandTopic_thenGrantedQos1() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, subscribe(V311, 3, "anju/v1/charger/" + CHARGER + "/command", 1));
        assertThat(written(ch)).containsExactly(0x90, 0x03, 0x00, 0x03, 0x01); // SUBACK, id 3, granted QoS 1
    }

    @Test
    void subscribe311_whenOtherTopic_thenSubAck0x80() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, subscribe(V311, 4, "anju/v1/charger/+/command", 1));
        assertThat(written(ch)).containsExactly(0x90, 0x03, 0x00, 0x04, 0x80); // SUBACK failure
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void subscribe5_whenOtherDevicesCommandTopic_thenSubAck0x87() {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, subscribe(V5, 4, "anju/v1/charger/chg-0002/command", 1));
        assertThat(written(ch)).containsExactly(0x90, 0x04, 0x00, 0x04, 0x00, 0x87); // SUBACK, id 4, no properties, not authorized
    }
}
