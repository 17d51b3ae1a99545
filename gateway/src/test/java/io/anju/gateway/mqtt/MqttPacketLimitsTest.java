package io.anju.gateway.mqtt;

import io.anju.gateway.testing.GatewayHarness;
import io.anju.gateway.testing.MqttPackets.Properties;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.anju.gateway.testing.GatewayHarness.send;
import static io.anju.gateway.testing.GatewayHarness.written;
import static io.anju.gateway.testing.MqttPackets.V311;
import static io.anju.gateway.testing.MqttPackets.V5;
import static io.anju.gateway.testing.MqttPackets.connect;
import static io.anju.gateway.testing.MqttPackets.connect5;
import static io.anju.gateway.testing.MqttPackets.fixedHeader;
import static io.anju.gateway.testing.MqttPackets.pingReq;
import static io.anju.gateway.testing.MqttPackets.pubRel;
import static io.anju.gateway.testing.MqttPackets.pubReply5;
import static io.anju.gateway.testing.MqttPackets.publish;
import static io.anju.gateway.testing.MqttPackets.publish5;
import static io.anju.gateway.testing.MqttPackets.reasonAndProperties5;
import static io.anju.gateway.testing.MqttPackets.subscribe;
import static io.anju.gateway.testing.MqttPackets.together;
import static io.anju.gateway.testing.MqttPackets.unsubscribe;
import static io.anju.gateway.testing.MqttPackets.utf8;
import static io.anju.gateway.testing.TestDevices.CHARGER;
import static io.anju.gateway.testing.TestDevices.CHARGER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits that bound what one device (or one unauthenticated socket) can make the gateway do: packet sizes checked
 * from the fixed header, user properties, topic filters, the rate of packets other than PUBLISH, the QoS 2 ids a
 * device may leave unreleased, and a device that reads nothing.
 */
class MqttPacketLimitsTest {
    private static final String TELEMETRY = "anju/v1/charger/" + CHARGER + "/telemetry";
    private static final String COMMANDS = "anju/v1/charger/" + CHARGER + "/command";
    private static final byte[] JSON = utf8("{\"ts\":1,\"seq\":1}");
    /** MQTT 5 DISCONNECT, remaining length 2, the reason, no properties. */
    private static final int[] DISCONNECT_QUOTA_EXCEEDED = {0xE0, 0x02, 0x97, 0x00};
    /** The default of limits.maxUserProperties. */
    private static final int MAX_USER_PROPERTIES = 32;

    private final GatewayHarness gw = new GatewayHarness();

    @AfterEach
    void releaseChannels() {
        GatewayHarness.releaseAll();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x10, 0x32}) // CONNECT; a PUBLISH QoS 1 (refused first anyway: not CONNECT)
    void preAuth_whenFirstPacketAnnouncesMoreThanMaxConnectBytes_thenClosedBeforeItIsBuffered(int firstByte) {
        EmbeddedChannel ch = gw.open();
        send(ch, together(fixedHeader(firstByte, 4_097), new byte[]{0x00, 0x04, 'M', 'Q', 'T', 'T'}));
        assertThat(ch.isActive()).isFalse();
        assertThat(written(ch)).isEmpty();
        assertThat(gw.metrics.count("anju.gateway.connect.attempts", "outcome", "too_large")).isEqualTo(1);
    }

    @Test
    void preAuth_whenConnectIsExactlyMaxConnectBytes_thenAccepted() {
        GatewayHarness small = GatewayHarness.with("limits.maxConnectBytes", "256");
        byte[] connect = connect(V311, CHARGER, CHARGER, CHARGER_SECRET, 60, "anju/v1/charger/" + CHARGER + "/status",
                new byte[200]);
        int bodyPadding = 256 - (connect.length - 3);                  // remaining length fits in 2 bytes here
        byte[] exact = connect(V311, CHARGER, CHARGER, CHARGER_SECRET, 60, "anju/v1/charger/" + CHARGER + "/status",
                new byte[200 + bodyPadding]);
        EmbeddedChannel ch = small.open();
        send(ch, exact);
        assertThat(written(ch)).containsExactly(0x20, 0x02, 0x00, 0x00); // CONNACK accepted
    }

    @Test
    void preAuth_whenPublishFollowsConnectInTheSameRead_thenItIsJudgedByTheLimitsAfterAuthentication() {
        EmbeddedChannel ch = gw.open();
        send(ch, together(connect(V311, CHARGER, CHARGER, CHARGER_SECRET, 60),
                publish(V311, TELEMETRY, 1, 7, new byte[10_000])));          // larger than limits.maxConnectBytes
        assertThat(ch.isActive()).isTrue();
        assertThat(written(ch)).containsExactly(0x20, 0x02, 0x00, 0x00,      // CONNACK accepted
                0x40, 0x02, 0x00, 0x07);                                     // PUBACK 7
        assertThat(gw.ingest.messages()).hasSize(1);
    }

    @Test
    void afterAuth_whenPacketOtherThanPublishAnnouncesMoreThanMaxControlPacketBytes_thenDisconnect0x95() {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, together(fixedHeader(0x82, 4_097), new byte[]{0x00, 0x01}));  // SUBSCRIBE, then its start
        assertThat(written(ch)).containsExactly(0xE0, 0x02, 0x95, 0x00);     // DISCONNECT packet too large
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.metrics.count("anju.gateway.limit.hits", "limit", "packet_size")).isEqualTo(1);
    }

    @Test
    void publish5_whenItsPropertiesAreLongerThanMaxControlPacketBytes_thenDisconnect0x97BeforeTheyAreDecoded() {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        byte[] publish = publish5(TELEMETRY, 1, 1, JSON, Properties.none().userProperties(600)); // 4,200 bytes
        send(ch, Arrays.copyOf(publish, 60));                               // headers and a few properties only
        assertThat(written(ch)).containsExactly(DISCONNECT_QUOTA_EXCEEDED);
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.metrics.count("anju.gateway.limit.hits", "limit", "user_properties")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void stream_whenPacketsArriveByteByByte_thenTheGuardFollowsThemAcrossReads(int qos) {
        EmbeddedChannel ch = gw.open();
        byte[] stream = together(connect(V5, CHARGER, CHARGER, CHARGER_SECRET, 60),
                publish5(TELEMETRY, qos, 9, JSON, Properties.none().userProperties(3)),
                publish5(TELEMETRY, qos, 10, JSON, Properties.none().userProperties(700)));
        for (int i = 0; i < stream.length && ch.isActive(); i++) {
            send(ch, new byte[]{stream[i]});
        }
        assertThat(gw.ingest.messages()).hasSize(1);                        // the first PUBLISH only
        byte[] out = written(ch);
        assertThat(Arrays.copyOfRange(out, out.length - 4, out.length))     // the second: properties too long
                .containsExactly(DISCONNECT_QUOTA_EXCEEDED);
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void connect5_whenMoreUserPropertiesThanAllowed_thenConnack0x97AndClosed() {
        EmbeddedChannel ch = gw.open();
        send(ch, connect5(CHARGER, CHARGER, CHARGER_SECRET, Properties.none().userProperties(MAX_USER_PROPERTIES + 1)));
        assertThat(written(ch)).containsExactly(0x20, 0x03, 0x00, 0x97, 0x00); // CONNACK quota exceeded, no properties
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.sessions.size()).isZero();
    }

    @Test
    void connect5_whenWillCarriesMoreUserPropertiesThanAllowed_thenConnack0x97AndClosed() {
        EmbeddedChannel ch = gw.open();
        send(ch, connect5(CHARGER, CHARGER, CHARGER_SECRET, "anju/v1/charger/" + CHARGER + "/status", JSON,
                Properties.none().userProperties(MAX_USER_PROPERTIES + 1)));
        assertThat(written(ch)).containsExactly(0x20, 0x03, 0x00, 0x97, 0x00);
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void connect5_whenUserPropertiesAtTheCap_thenAccepted() {
        EmbeddedChannel ch = gw.open();
        send(ch, connect5(CHARGER, CHARGER, CHARGER_SECRET, Properties.none().userProperties(MAX_USER_PROPERTIES)));
        assertThat(written(ch)[3]).isZero();                                // CONNACK accepted
        assertThat(ch.isActive()).isTrue();
    }

    static Stream<Arguments> packetsWithTooManyUserProperties() {
        Properties tooMany = Properties.none().userProperties(MAX_USER_PROPERTIES + 1);
        return Stream.of(
                Arguments.of("PUBLISH", publish5(TELEMETRY, 1, 1, JSON, Properties.none().userProperties(MAX_USER_PROPERTIES + 1))),
                Arguments.of("PUBACK", pubReply5(0x40, 1, 0x00, tooMany)),
                Arguments.of("PUBREC", pubReply5(0x50, 1, 0x00, tooMany)),
                Arguments.of("PUBREL", pubReply5(0x62, 1, 0x00, tooMany)),
                Arguments.of("PUBCOMP", pubReply5(0x70, 1, 0x00, tooMany)),
                Arguments.of("SUBSCRIBE", subscribe(V5, 1, List.of(COMMANDS), 1, tooMany)),
                Arguments.of("UNSUBSCRIBE", unsubscribe(V5, 1, List.of(COMMANDS), tooMany)),
                Arguments.of("DISCONNECT", reasonAndProperties5(0xE0, 0x00, tooMany)),
                Arguments.of("AUTH", reasonAndProperties5(0xF0, 0x18, tooMany)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packetsWithTooManyUserProperties")
    void afterAuth_whenPacketCarriesMoreUserPropertiesThanAllowed_thenDisconnect0x97(String type, byte[] packet) {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, packet);
        assertThat(written(ch)).containsExactly(DISCONNECT_QUOTA_EXCEEDED);
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.ingest.messages()).isEmpty();
        assertThat(gw.metrics.count("anju.gateway.limit.hits", "limit", "user_properties")).isEqualTo(1);
    }

    @Test
    void publish5_whenUserPropertiesAtTheCap_thenAcknowledgedAndIngested() {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, publish5(TELEMETRY, 1, 1, JSON, Properties.none().userProperties(MAX_USER_PROPERTIES)));
        assertThat(written(ch)).containsExactly(0x40, 0x02, 0x00, 0x01);   // PUBACK 1 (success, short form)
        assertThat(gw.ingest.messages()).hasSize(1);
    }

    @Test
    void subscribe5_whenMoreFiltersInOnePacketThanAllowed_thenDisconnect0x97WithoutSuback() {
        EmbeddedChannel ch = gw.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, subscribe(V5, 1, Collections.nCopies(9, COMMANDS), 1, Properties.none()));
        assertThat(written(ch)).containsExactly(DISCONNECT_QUOTA_EXCEEDED);
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.sessions.ready(CHARGER)).isFalse();
    }

    @Test
    void subscribe311_whenMoreFiltersInOnePacketThanAllowed_thenClosedWithoutSuback() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, subscribe(V311, 1, Collections.nCopies(9, COMMANDS), 1, Properties.none()));
        assertThat(written(ch)).isEmpty();
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void subscribe_whenEightFilters_thenEachAnswered() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        send(ch, subscribe(V311, 1, Collections.nCopies(8, COMMANDS), 1, Properties.none()));
        assertThat(written(ch)).containsExactly(0x90, 0x0A, 0x00, 0x01, 1, 1, 1, 1, 1, 1, 1, 1); // SUBACK, 8 codes
    }

    @Test
    void subscribe_whenConnectionSendsMoreFiltersInAllThanAllowed_thenClosed() {
        GatewayHarness strict = GatewayHarness.with("limits.maxFiltersPerConnection", "16");
        EmbeddedChannel ch = strict.connected(V5, CHARGER, CHARGER_SECRET);
        send(ch, subscribe(V5, 1, Collections.nCopies(8, COMMANDS), 1, Properties.none()));
        send(ch, unsubscribe(V5, 2, Collections.nCopies(8, COMMANDS), Properties.none()));
        assertThat(written(ch)).hasSize(13 + 13);                           // SUBACK and UNSUBACK, 8 codes each
        send(ch, subscribe(V5, 3, List.of(COMMANDS), 1, Properties.none()));
        assertThat(written(ch)).containsExactly(DISCONNECT_QUOTA_EXCEEDED);
        assertThat(ch.isActive()).isFalse();
        assertThat(strict.metrics.count("anju.gateway.limit.hits", "limit", "subscribe_filters")).isEqualTo(1);
    }

    @Test
    void control_whenPingsComeFasterThanTheControlRate_thenEachAnsweredButReadingPausedUntilATokenIsBack() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);   // 5/s, burst 20 by default
        for (int i = 0; i < 20; i++) {
            send(ch, pingReq());
        }
        assertThat(ch.config().isAutoRead()).isTrue();
        send(ch, pingReq());
        assertThat(ch.config().isAutoRead()).isFalse();
        assertThat(written(ch)).hasSize(21 * 2);                            // every PINGREQ got its PINGRESP
        assertThat(gw.metrics.count("anju.gateway.limit.hits", "limit", "control_rate")).isEqualTo(1);

        gw.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));             // one token back at 5/s
        ch.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.config().isAutoRead()).isTrue();
    }

    @Test
    void control_whenSubscribesAndPubrelsOfNothingComeFast_thenTheyCountAgainstTheControlRate() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        for (int i = 1; i <= 10; i++) {
            send(ch, subscribe(V311, i, COMMANDS, 1));
            send(ch, pubRel(i));                                             // releases no QoS 2 id: answered 0x92
        }
        assertThat(ch.config().isAutoRead()).isTrue();
        send(ch, pubRel(11));
        assertThat(ch.config().isAutoRead()).isFalse();
    }

    @Test
    void qos2_whenPubrelsReleaseHeldIds_thenNotCountedAgainstTheControlRate() {
        GatewayHarness fast = GatewayHarness.with("limits.messagesPerSecond", "1000", "limits.messageBurst", "1000");
        EmbeddedChannel ch = fast.connected(V311, CHARGER, CHARGER_SECRET);
        for (int id = 1; id <= 50; id++) {
            send(ch, publish(V311, TELEMETRY, 2, id, JSON));
            send(ch, pubRel(id));
        }
        assertThat(ch.config().isAutoRead()).isTrue();
        assertThat(fast.ingest.messages()).hasSize(50);
    }

    @Test
    void qos2_whenMoreIdsUnreleasedThanTheReceiveMaximumAnnounced_thenDisconnect0x93() {
        GatewayHarness small = GatewayHarness.with("limits.inflightPerConnection", "4");
        EmbeddedChannel ch = small.connected(V5, CHARGER, CHARGER_SECRET);
        for (int id = 1; id <= 4; id++) {
            send(ch, publish(V5, TELEMETRY, 2, id, JSON));                  // PUBREC each, never released
        }
        assertThat(written(ch)).hasSize(4 * 4);
        send(ch, pubRel(1));                                                 // one released: room for one more
        send(ch, publish(V5, TELEMETRY, 2, 5, JSON));
        assertThat(written(ch)).hasSize(4 + 4);                              // PUBCOMP 1, PUBREC 5
        send(ch, publish(V5, TELEMETRY, 2, 6, JSON));
        assertThat(written(ch)).containsExactly(0xE0, 0x02, 0x93, 0x00);     // DISCONNECT receive maximum exceeded
        assertThat(ch.isActive()).isFalse();
        assertThat(small.ingest.messages()).hasSize(5);
    }

    @Test
    void qos2_311_whenMoreIdsUnreleasedThanTheInflightLimit_thenClosed() {
        GatewayHarness small = GatewayHarness.with("limits.inflightPerConnection", "4");
        EmbeddedChannel ch = small.connected(V311, CHARGER, CHARGER_SECRET);
        for (int id = 1; id <= 5; id++) {
            send(ch, publish(V311, TELEMETRY, 2, id, JSON));
        }
        assertThat(ch.isActive()).isFalse();
        assertThat(small.ingest.messages()).hasSize(4);
    }

    @Test
    void connect5_whenReceiveMaximumIs0_thenConnack0x82ProtocolError() {
        EmbeddedChannel ch = gw.open();
        send(ch, connect5(CHARGER, CHARGER, CHARGER_SECRET, Properties.none().receiveMaximum(0)));
        assertThat(written(ch)).containsExactly(0x20, 0x03, 0x00, 0x82, 0x00);
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.metrics.count("anju.gateway.connect.attempts", "outcome", "protocol_error")).isEqualTo(1);
    }

    @Test
    void connect5_whenMaximumPacketSizeIs0_thenConnack0x82ProtocolError() {
        EmbeddedChannel ch = gw.open();
        send(ch, connect5(CHARGER, CHARGER, CHARGER_SECRET, Properties.none().maximumPacketSize(0)));
        assertThat(written(ch)).containsExactly(0x20, 0x03, 0x00, 0x82, 0x00);
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void outbound_whenDeviceReadsNothingForTheUnwritableTimeout_thenReadingStopsAndItIsClosed() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        stopReading(ch, true);
        assertThat(ch.config().isAutoRead()).as("its requests would only queue more replies").isFalse();
        ch.advanceTimeBy(29, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isTrue();
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isFalse();
        assertThat(gw.metrics.count("anju.gateway.limit.hits", "limit", "unwritable")).isEqualTo(1);
    }

    @Test
    void outbound_whenDeviceReadsAgainInTime_thenReadingResumesAndTheConnectionStays() {
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        stopReading(ch, true);
        ch.advanceTimeBy(20, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        stopReading(ch, false);
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.advanceTimeBy(20, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isTrue();
    }

    /** Makes the channel unwritable (or writable again), as a full outbound buffer to a device that stopped reading does. */
    private static void stopReading(EmbeddedChannel ch, boolean stopped) {
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, !stopped);
        ch.runPendingTasks();
    }
}
