package io.anju.gateway.mqtt;

import io.anju.gateway.protect.AcceptGuard;
import io.anju.gateway.protect.AddressRanges;
import io.anju.gateway.protect.SourceLimits;
import io.anju.gateway.protect.TokenBucket;
import io.anju.gateway.testing.GatewayHarness;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.anju.gateway.testing.GatewayHarness.send;
import static io.anju.gateway.testing.GatewayHarness.written;
import static io.anju.gateway.testing.MqttPackets.V311;
import static io.anju.gateway.testing.MqttPackets.V5;
import static io.anju.gateway.testing.MqttPackets.connect;
import static io.anju.gateway.testing.MqttPackets.pingReq;
import static io.anju.gateway.testing.MqttPackets.publish;
import static io.anju.gateway.testing.MqttPackets.utf8;
import static io.anju.gateway.testing.TestDevices.CHARGER;
import static io.anju.gateway.testing.TestDevices.CHARGER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/** What reaches the gateway before and around CONNECT: malformed bytes, wrong order, silence, size. */
class MqttFrontDoorTest {
    @org.junit.jupiter.api.AfterEach
    void releaseChannels() {
        GatewayHarness.releaseAll();
    }

    private final GatewayHarness gw = new GatewayHarness();

    static Stream<byte[]> malformedPackets() {
        return Stream.of(
                new byte[]{0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}, // CONNECT, remaining length with 5 digits
                new byte[]{0x00, 0x00},                                                      // packet type 0 (reserved)
                new byte[]{0x11, 0x00},                                                      // CONNECT with reserved flag bit 0 set
                new byte[]{0x36, 0x00},                                                      // PUBLISH with QoS 3
                new byte[]{0x10, 0x0C,                                                       // CONNECT, remaining length 12
                        0x00, 0x04, 'M', 'Q', 'T', 'T',                                      // protocol name
                        0x04,                                                                // level 3.1.1
                        0x03,                                                                // flags: reserved bit set (MQTT-3.1.2-3)
                        0x00, 0x3C,                                                          // keep alive
                        0x00, 0x00});                                                        // empty client id
    }

    @ParameterizedTest
    @MethodSource("malformedPackets")
    void decode_whenPacketMalformed_thenConnectionIsClosedAndNothingIngested(byte[] packet) {
        EmbeddedChannel ch = gw.open();
        send(ch, packet);
        assertThat(ch.isActive()).isFalse();
        assertThat(written(ch)).isEmpty();
        assertThat(gw.ingest.messages()).isEmpty();
    }

    @Test
    void decode_whenFirstPacketIsNotConnect_thenConnectionIsClosed() {
        EmbeddedChannel ch = gw.open();
        send(ch, pingReq());
        assertThat(ch.isActive()).isFalse();
        assertThat(written(ch)).isEmpty();
    }

    @Test
    void decode_whenFirstPacketIsPublish_thenClosedAndNotIngested() {
        EmbeddedChannel ch = gw.open();
        send(ch, publish(V311, "anju/v1/charger/" + CHARGER + "/telemetry", 1, 1, utf8("{}")));
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.ingest.messages()).isEmpty();
    }

    @Test
    void decode_whenReceivesSecondCONNECT_thenConnectionIsClosed() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, connect(V311, CHARGER, CHARGER, CHARGER_SECRET, 60));
        assertThat(ch.isActive()).isFalse();
        assertThat(written(ch)).isEmpty();
    }

    @Test
    void decode_whenSecondCONNECTOnMqtt5_thenDisconnect0x82() {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, connect(V5, CHARGER, CHARGER, CHARGER_SECRET, 60));
        assertThat(written(ch)).containsExactly(0xE0, 0x02, 0x82, 0x00); // DISCONNECT, length 2, protocol error, no properties
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void connect_whenNoConnectWithinTimeout_thenSocketDropped() {
        EmbeddedChannel ch = gw.open();
        ch.advanceTimeBy(9, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isTrue();
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void connect_whenConnectArrivesInTime_thenTimeoutDoesNotFire() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        ch.advanceTimeBy(11, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void keepAlive_whenSilentFor1_5TimesKeepAlive_thenClosed() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET); // keep-alive 60 s
        ch.advanceTimeBy(80, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isTrue();
        send(ch, pingReq());
        assertThat(written(ch)).containsExactly(0xD0, 0x00);             // PINGRESP
        ch.advanceTimeBy(80, TimeUnit.SECONDS);                           // 80 s after the PINGREQ: still alive
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isTrue();
        ch.advanceTimeBy(11, TimeUnit.SECONDS);                           // 91 s silent > 90 s
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void keepAlive_whileTheGatewayPausedReading_thenNotClosed_andTheSilenceCountsFromTheResume() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET); // keep-alive 60 s: closed after 90 s silent
        gw.ingest.listener().paused();                                    // Kafka's backpressure: reading stops
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isFalse();
        ch.advanceTimeBy(300, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).as("not closed for a silence the gateway caused").isTrue();
        gw.ingest.listener().resumed();
        ch.runPendingTasks();
        ch.advanceTimeBy(89, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isTrue();
        ch.advanceTimeBy(92, TimeUnit.SECONDS);                           // silent well past 90 s after the resume
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void keepAlive_whenMqtt5Expires_thenDisconnect0x8D() {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        ch.advanceTimeBy(91, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(written(ch)).containsExactly(0xE0, 0x02, 0x8D, 0x00);  // DISCONNECT keep alive timeout
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void decode_whenPacketLargerThanLimit_thenClosedAndNotIngested() {
        GatewayHarness small = GatewayHarness.with("limits.maxPacketBytes", "1024", "limits.maxConnectBytes", "1024",
                "limits.maxControlPacketBytes", "1024");
        EmbeddedChannel ch = small.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, publish(V311, "anju/v1/charger/" + CHARGER + "/telemetry", 1, 1, new byte[2000]));
        assertThat(ch.isActive()).isFalse();
        assertThat(written(ch)).isEmpty();
        assertThat(small.ingest.messages()).isEmpty();
    }

    @Test
    void decode_whenHeaderAnnouncesOversizePacket_thenClosedBeforePayloadIsBuffered() {
        GatewayHarness small = GatewayHarness.with("limits.maxPacketBytes", "1024", "limits.maxConnectBytes", "1024",
                "limits.maxControlPacketBytes", "1024");
        EmbeddedChannel ch = small.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, new byte[]{
                0x32,                                    // PUBLISH QoS 1
                (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01, // remaining length 2,097,152 (2 MiB)
                0x00, 0x01, 'a'});                      // the start of a topic; the rest never comes
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void connect311_whenClientIdLongerThanLimit_thenIdentifierRejectedAndClosed() {
        GatewayHarness strict = GatewayHarness.with("limits.maxClientIdLength", "8");
        EmbeddedChannel ch = strict.open();
        send(ch, connect(V311, "a-client-id-of-27-characters", null, null, 60));
        assertThat(written(ch)).containsExactly(0x20, 0x02, 0x00, 0x02);   // CONNACK identifier rejected
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void connect_whenProtocolLevelUnknown_thenUnacceptableVersionAndClosed() {
        EmbeddedChannel ch = gw.open();
        send(ch, new byte[]{
                0x10, 0x0D,                                  // CONNECT, remaining length 13
                0x00, 0x04, 'M', 'Q', 'T', 'T',              // protocol name
                0x07,                                        // protocol level 7 (does not exist)
                0x02,                                        // flags: clean session
                0x00, 0x3C,                                  // keep alive 60 s
                0x00, 0x01, 'd'});                           // client id
        assertThat(written(ch)).containsExactly(0x20, 0x02, 0x00, 0x01);   // CONNACK unacceptable protocol version
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void accept_whenGuardRefusesSocket_thenClosedBeforeAnyMqttHandling() {
        AcceptGuard guard = new AcceptGuard(1, new TokenBucket(100, 100, gw.nanos::get),
                new SourceLimits(100, 100, 100, AddressRanges.parse(""), gw.nanos::get), r -> { });
        EmbeddedChannel first = new EmbeddedChannel(guard);
        io.netty.channel.ChannelHandler[] mqtt = MqttPipeline.handlers(gw.services);
        io.netty.channel.ChannelHandler[] all = new io.netty.channel.ChannelHandler[mqtt.length + 1];
        all[0] = guard;
        System.arraycopy(mqtt, 0, all, 1, mqtt.length);
        EmbeddedChannel refused = new EmbeddedChannel(all);
        assertThat(refused.isActive()).isFalse();
        assertThat(first.isActive()).isTrue();
        assertThat(gw.sessions.isBackpressured()).isFalse();
        first.finishAndReleaseAll();
        refused.finishAndReleaseAll();
    }
}
