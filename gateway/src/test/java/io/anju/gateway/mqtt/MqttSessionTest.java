package io.anju.gateway.mqtt;

import io.anju.common.model.Channel;
import io.anju.gateway.downlink.DeliveryOutcome;
import io.anju.gateway.ingest.InboundMessage;
import io.anju.gateway.mqtt.reply.MqttReplies;
import io.anju.gateway.testing.GatewayHarness;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.anju.gateway.testing.GatewayHarness.send;
import static io.anju.gateway.testing.GatewayHarness.written;
import static io.anju.gateway.testing.MqttPackets.V311;
import static io.anju.gateway.testing.MqttPackets.V5;
import static io.anju.gateway.testing.MqttPackets.connect;
import static io.anju.gateway.testing.MqttPackets.disconnect;
import static io.anju.gateway.testing.MqttPackets.pubAck;
import static io.anju.gateway.testing.MqttPackets.utf8;
import static io.anju.gateway.testing.TestDevices.CHARGER;
import static io.anju.gateway.testing.TestDevices.CHARGER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/** Sessions: takeover, the Will, downlink command delivery, shutdown. */
class MqttSessionTest {
    @org.junit.jupiter.api.AfterEach
    void releaseChannels() {
        GatewayHarness.releaseAll();
    }

    private static final String STATUS = "anju/v1/charger/" + CHARGER + "/status";
    private static final byte[] OFFLINE = utf8("{\"ts\":1764378000000,\"seq\":9,\"state\":\"offline\"}");

    private final GatewayHarness gw = new GatewayHarness();

    private EmbeddedChannel connectedWithWill(int version) {
        EmbeddedChannel ch = gw.open();
        send(ch, connect(version, CHARGER, CHARGER, CHARGER_SECRET, 60, STATUS, OFFLINE));
        assertThat(written(ch)[3]).isZero();   // CONNACK accepted
        return ch;
    }

    @Test
    void connect5_whenSameDeviceConnectsAgain_thenOlderGetsDisconnect0x8EAndIsClosed() {
        EmbeddedChannel older = connectedWithWill(V5);
        EmbeddedChannel newer = gw.connected(V5, CHARGER, CHARGER_SECRET);
        older.runPendingTasks();
        assertThat(written(older)).containsExactly(0xE0, 0x02, 0x8E, 0x00); // DISCONNECT session taken over
        assertThat(older.isActive()).isFalse();
        assertThat(newer.isActive()).isTrue();
        assertThat(gw.sessions.session(CHARGER)).hasValueSatisfying(s -> assertThat(s.channel()).isSameAs(newer));
        assertThat(gw.ingest.messages()).as("the Will of a taken-over session is not published").isEmpty();
    }

    @Test
    void connect311_whenSameDeviceConnectsAgain_thenOlderClosedWithoutPacket() {
        EmbeddedChannel older = gw.connected(V311, CHARGER, CHARGER_SECRET);
        gw.connected(V311, CHARGER, CHARGER_SECRET);
        older.runPendingTasks();
        assertThat(written(older)).isEmpty();
        assertThat(older.isActive()).isFalse();
        assertThat(gw.metrics.connections()).isEqualTo(1);
    }

    @Test
    void will_whenConnectionDropsWithoutDisconnect_thenIngestedAsStatusOfTheDevice() {
        EmbeddedChannel ch = connectedWithWill(V311);
        ch.close();
        assertThat(gw.ingest.messages()).hasSize(1);
        InboundMessage will = gw.ingest.messages().get(0);
        assertThat(will.device().id()).isEqualTo(CHARGER);
        assertThat(will.channel()).isEqualTo(Channel.STATUS);
        assertThat(will.payload()).isEqualTo(OFFLINE);
        assertThat(gw.sessions.session(CHARGER)).isEmpty();
    }

    @Test
    void will5_whenGatewayDropsTheConnection_thenNoDisconnectIsSent_andTheWillIsPublished() {
        EmbeddedChannel ch = connectedWithWill(V5);
        gw.sessions.session(CHARGER).orElseThrow().drop();
        ch.runPendingTasks();
        assertThat(ch.isActive()).isFalse();
        assertThat(written(ch)).as("a dropped connection gets no DISCONNECT").isEmpty();
        assertThat(gw.ingest.messages()).extracting(InboundMessage::payload).containsExactly(OFFLINE);
    }

    @Test
    void will_whenCleanDisconnect_thenDiscarded() {
        EmbeddedChannel ch = connectedWithWill(V5);
        send(ch, disconnect());
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.ingest.messages()).isEmpty();
    }

    @Test
    void will5_whenDisconnectWithWillMessageReason_thenPublished() {
        EmbeddedChannel ch = connectedWithWill(V5);
        send(ch, new byte[]{(byte) 0xE0, 0x01, 0x04});      // DISCONNECT, remaining length 1, reason 0x04 with Will
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.ingest.messages()).extracting(InboundMessage::channel).containsExactly(Channel.STATUS);
    }

    @Test
    void will_whenKeepAliveExpires_thenPublished() {
        EmbeddedChannel ch = connectedWithWill(V311);
        ch.advanceTimeBy(91, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.ingest.messages()).extracting(InboundMessage::channel).containsExactly(Channel.STATUS);
    }

    @Test
    void deliver_whenDeviceConnected_thenQos1PublishOnCommandTopic_andDeliveredOnPubAck() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        byte[] command = utf8("{\"id\":\"c1\",\"action\":\"stop_port\",\"port\":3}");
        CompletableFuture<DeliveryOutcome> outcome = gw.sessions.deliver(CHARGER, command).toCompletableFuture();
        byte[] out = written(ch);
        String topic = "anju/v1/charger/" + CHARGER + "/command";
        assertThat(out[0]).isEqualTo((byte) 0x32);                                       // PUBLISH QoS 1
        assertThat(new String(out, 4, topic.length())).isEqualTo(topic);
        int packetId = (out[4 + topic.length()] & 0xFF) << 8 | out[5 + topic.length()] & 0xFF;
        assertThat(new String(out, 6 + topic.length(), command.length)).isEqualTo(new String(command));
        assertThat(outcome).isNotDone();

        send(ch, pubAck(packetId));
        assertThat(outcome).isCompletedWithValue(DeliveryOutcome.DELIVERED);
    }

    @Test
    void deliver_whenDeviceNotConnected_thenOffline() {
        assertThat(gw.sessions.deliver(CHARGER, utf8("{}")).toCompletableFuture()).isCompletedWithValue(DeliveryOutcome.OFFLINE);
    }

    @Test
    void deliver_whenNoPubAckWithinTimeout_thenTimeout() {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        CompletableFuture<DeliveryOutcome> outcome = gw.sessions.deliver(CHARGER, utf8("{}")).toCompletableFuture();
        written(ch);
        ch.advanceTimeBy(9, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(outcome).isNotDone();
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(outcome).isCompletedWithValue(DeliveryOutcome.TIMEOUT);
    }

    @Test
    void deliver_whenConnectionDropsBeforePubAck_thenOffline() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        CompletableFuture<DeliveryOutcome> outcome = gw.sessions.deliver(CHARGER, utf8("{}")).toCompletableFuture();
        written(ch);
        ch.close();
        assertThat(outcome).isCompletedWithValue(DeliveryOutcome.OFFLINE);
    }

    @Test
    void shutdown_whenSessionsOpen_thenMqtt5GetsDisconnect0x8B_andWillsAreNotPublished() {
        EmbeddedChannel v5 = connectedWithWill(V5);
        gw.sessions.disconnectAll(MqttReplies.SERVER_SHUTTING_DOWN);
        v5.runPendingTasks();
        assertThat(written(v5)).containsExactly(0xE0, 0x02, 0x8B, 0x00);
        assertThat(v5.isActive()).isFalse();
        assertThat(gw.ingest.messages()).as("the gateway, not the device, ended the session").isEmpty();
    }
}
