package io.anju.gateway.mqtt;

import io.anju.common.auth.DeviceToken;
import io.anju.gateway.auth.TokenSecrets;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.testing.GatewayHarness;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.anju.gateway.testing.GatewayHarness.send;
import static io.anju.gateway.testing.GatewayHarness.written;
import static io.anju.gateway.testing.MqttPackets.V311;
import static io.anju.gateway.testing.MqttPackets.V5;
import static io.anju.gateway.testing.MqttPackets.connect;
import static io.anju.gateway.testing.TestDevices.CHARGER;
import static io.anju.gateway.testing.TestDevices.CHARGER_SECRET;
import static io.anju.gateway.testing.TestDevices.DISABLED_GATE;
import static io.anju.gateway.testing.TestDevices.GATE_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/** CONNECT: authentication outcomes and their CONNACK codes (device protocol v1, Authentication). */
class MqttConnectTest {
    @org.junit.jupiter.api.AfterEach
    void releaseChannels() {
        GatewayHarness.releaseAll();
    }

    private final GatewayHarness gw = new GatewayHarness();
    /** The channel of the last {@link #connectAndRead}. */
    private EmbeddedChannel lastChannel;

    /** CONNACK 3.1.1: type 0x20, remaining length 2, session present 0, return code. */
    private static byte[] connAck311(int code) {
        return new byte[]{0x20, 0x02, 0x00, (byte) code};
    }

    /** CONNACK 5.0 refusal: type 0x20, remaining length 3, session present 0, reason code, property length 0. */
    private static byte[] connAck5(int reason) {
        return new byte[]{0x20, 0x03, 0x00, (byte) reason, 0x00};
    }

    private byte[] connectAndRead(byte[] connect) {
        EmbeddedChannel ch = gw.open();
        send(ch, connect);
        byte[] out = written(ch);
        lastChannel = ch;
        return out;
    }

    @Test
    void connect311_whenSecretMatches_thenAcceptedAndSessionRegistered() {
        assertThat(connectAndRead(connect(V311, CHARGER, CHARGER, CHARGER_SECRET, 60))).containsExactly(connAck311(0));
        assertThat(lastChannel.isActive()).isTrue();
        assertThat(gw.sessions.session(CHARGER)).isPresent();
        assertThat(gw.metrics.connections()).isEqualTo(1);
    }

    @Test
    void connect5_whenSecretMatches_thenAcceptedWithServerLimits() {
        byte[] out = connectAndRead(connect(V5, CHARGER, CHARGER, CHARGER_SECRET, 60));
        assertThat(out[0]).isEqualTo((byte) 0x20);   // CONNACK
        assertThat(out[3]).isEqualTo((byte) 0x00);   // reason: success
        assertThat(out.length).isGreaterThan(5);     // properties: maximum packet size, receive maximum, ...
        assertThat(lastChannel.isActive()).isTrue();
    }

    @Test
    void connect311_whenSecretWrong_thenRefusedCode4AndClosed() {
        assertThat(connectAndRead(connect(V311, CHARGER, CHARGER, "wrong", 60))).containsExactly(connAck311(4));
        assertThat(lastChannel.isActive()).isFalse();
        assertThat(gw.sessions.session(CHARGER)).isEmpty();
    }

    @Test
    void connect5_whenSecretWrong_thenRefused0x86AndClosed() {
        assertThat(connectAndRead(connect(V5, CHARGER, CHARGER, "wrong", 60))).containsExactly(connAck5(0x86));
        assertThat(lastChannel.isActive()).isFalse();
    }

    @Test
    void connect_whenDeviceUnknown_thenRefusedBadCredentials() {
        assertThat(connectAndRead(connect(V311, "nobody-1", "nobody-1", "x", 60))).containsExactly(connAck311(4));
        assertThat(connectAndRead(connect(V5, "nobody-1", "nobody-1", "x", 60))).containsExactly(connAck5(0x86));
        assertThat(lastChannel.isActive()).isFalse();
    }

    @Test
    void connect_whenNoPassword_thenRefusedBadCredentials() {
        assertThat(connectAndRead(connect(V311, CHARGER, CHARGER, null, 60))).containsExactly(connAck311(4));
    }

    @Test
    void connect_whenDeviceDisabled_thenRefusedNotAuthorized() {
        assertThat(connectAndRead(connect(V311, DISABLED_GATE, DISABLED_GATE, GATE_SECRET, 60))).containsExactly(connAck311(5));
        assertThat(connectAndRead(connect(V5, DISABLED_GATE, DISABLED_GATE, GATE_SECRET, 60))).containsExactly(connAck5(0x87));
        assertThat(lastChannel.isActive()).isFalse();
    }

    @Test
    void connect_whenClientIdDiffersFromUsername_thenRefused0x85() {
        assertThat(connectAndRead(connect(V5, "other-id", CHARGER, CHARGER_SECRET, 60))).containsExactly(connAck5(0x85));
        assertThat(lastChannel.isActive()).isFalse();
        assertThat(connectAndRead(connect(V311, "other-id", CHARGER, CHARGER_SECRET, 60))).containsExactly(connAck311(5));
    }

    @Test
    void connect_whenProtocolLevelIs3_1_thenRefusedUnacceptableVersion() {
        byte[] mqtt31 = {
                0x10, 0x13,                                  // CONNECT, remaining length 19
                0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p',    // protocol name MQIsdp
                0x03,                                        // protocol level 3 (MQTT 3.1)
                0x02,                                        // flags: clean session
                0x00, 0x3C,                                  // keep alive 60 s
                0x00, 0x05, 'd', 'e', 'v', '-', '1'};        // client id
        assertThat(connectAndRead(mqtt31)).containsExactly(connAck311(1));
        assertThat(lastChannel.isActive()).isFalse();
    }

    @Test
    void connect_whenWillIsNotOnOwnStatusTopic_thenRefusedNotAuthorized() {
        byte[] connect = connect(V5, CHARGER, CHARGER, CHARGER_SECRET, 60, "anju/v1/charger/other/status", new byte[]{'x'});
        assertThat(connectAndRead(connect)).containsExactly(connAck5(0x87));
    }

    @Test
    void connect_whenTokenSignedWithinWindow_thenAccepted() {
        GatewayHarness withTokens = new GatewayHarness(GatewayHarness.defaultLimits(),
                TokenSecrets.of(Map.of(CHARGER, CHARGER_SECRET)), 10);
        String token = DeviceToken.create(CHARGER, CHARGER_SECRET, GatewayHarness.WALL_CLOCK_MS - 60_000);
        EmbeddedChannel ch = withTokens.open();
        send(ch, connect(V311, CHARGER, CHARGER, token, 60));
        assertThat(written(ch)).containsExactly(connAck311(0));
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void connect_whenTokenOlderThanWindow_thenRefusedBadCredentials() {
        GatewayHarness withTokens = new GatewayHarness(GatewayHarness.defaultLimits(),
                TokenSecrets.of(Map.of(CHARGER, CHARGER_SECRET)), 10);
        String token = DeviceToken.create(CHARGER, CHARGER_SECRET, GatewayHarness.WALL_CLOCK_MS - 6 * 60_000);
        EmbeddedChannel ch = withTokens.open();
        send(ch, connect(V5, CHARGER, CHARGER, token, 60));
        assertThat(written(ch)).containsExactly(connAck5(0x86));
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void connect_whenTokenReplayed_thenRefusedBadCredentials_andAFreshTokenIsAccepted() {
        GatewayHarness withTokens = tokenHarness();
        String token = DeviceToken.create(CHARGER, CHARGER_SECRET, GatewayHarness.WALL_CLOCK_MS - 1_000);
        EmbeddedChannel first = withTokens.open();
        send(first, connect(V311, CHARGER, CHARGER, token, 60));
        assertThat(written(first)).containsExactly(connAck311(0));
        first.close();

        EmbeddedChannel replay311 = withTokens.open();
        send(replay311, connect(V311, CHARGER, CHARGER, token, 60));
        assertThat(written(replay311)).as("the same token a second time").containsExactly(connAck311(4));
        assertThat(replay311.isActive()).isFalse();
        EmbeddedChannel replay5 = withTokens.open();
        send(replay5, connect(V5, CHARGER, CHARGER, token, 60));
        assertThat(written(replay5)).containsExactly(connAck5(0x86));
        assertThat(withTokens.sessions.session(CHARGER)).isEmpty();
        assertThat(connectAttempts(withTokens, "bad_credentials")).isEqualTo(2.0);

        String fresh = DeviceToken.create(CHARGER, CHARGER_SECRET, GatewayHarness.WALL_CLOCK_MS);
        EmbeddedChannel next = withTokens.open();
        send(next, connect(V5, CHARGER, CHARGER, fresh, 60));
        assertThat(written(next)[3]).as("CONNACK reason of a freshly signed token").isEqualTo((byte) 0x00);
        assertThat(next.isActive()).isTrue();
        assertThat(connectAttempts(withTokens, "accepted")).isEqualTo(2.0);
    }

    @Test
    void connect_whenTokenDatedAheadByMoreThanTheClockSkew_thenRefusedBadCredentials() {
        GatewayHarness withTokens = tokenHarness();
        long skew = GatewayConfig.defaults().authTokenClockSkew().toMillis();
        String tooFarAhead = DeviceToken.create(CHARGER, CHARGER_SECRET, GatewayHarness.WALL_CLOCK_MS + skew + 1);
        EmbeddedChannel refused = withTokens.open();
        send(refused, connect(V311, CHARGER, CHARGER, tooFarAhead, 60));
        assertThat(written(refused)).containsExactly(connAck311(4));
        assertThat(refused.isActive()).isFalse();

        String justAhead = DeviceToken.create(CHARGER, CHARGER_SECRET, GatewayHarness.WALL_CLOCK_MS + skew);
        EmbeddedChannel accepted = withTokens.open();
        send(accepted, connect(V311, CHARGER, CHARGER, justAhead, 60));
        assertThat(written(accepted)).containsExactly(connAck311(0));
    }

    private static GatewayHarness tokenHarness() {
        return new GatewayHarness(GatewayHarness.defaultLimits(), TokenSecrets.of(Map.of(CHARGER, CHARGER_SECRET)), 10);
    }

    private static double connectAttempts(GatewayHarness gw, String outcome) {
        return gw.meters.get("anju.gateway.connect.attempts").tag("outcome", outcome).counter().count();
    }

    @Test
    void connect_whenTokenButTokenAuthNotConfigured_thenRefusedBadCredentials() {
        String token = DeviceToken.create(CHARGER, CHARGER_SECRET, GatewayHarness.WALL_CLOCK_MS);
        assertThat(connectAndRead(connect(V311, CHARGER, CHARGER, token, 60))).containsExactly(connAck311(4));
    }

    @Test
    void connect_whenDeviceConnectsMoreThanLimitPerMinute_thenBanned() {
        GatewayHarness strict = new GatewayHarness(GatewayHarness.defaultLimits(), TokenSecrets.none(), 3);
        for (int i = 0; i < 3; i++) {
            EmbeddedChannel ch = strict.open();
            send(ch, connect(V311, CHARGER, CHARGER, CHARGER_SECRET, 60));
            assertThat(written(ch)).containsExactly(connAck311(0));
            ch.close();
        }
        EmbeddedChannel fourth = strict.open();
        send(fourth, connect(V5, CHARGER, CHARGER, CHARGER_SECRET, 60));
        assertThat(written(fourth)).containsExactly(connAck5(0x9F));   // connection rate exceeded
        assertThat(fourth.isActive()).isFalse();

        strict.nanos.addAndGet(TimeUnit.MINUTES.toNanos(4));              // still banned within 5 minutes
        EmbeddedChannel during = strict.open();
        send(during, connect(V311, CHARGER, CHARGER, CHARGER_SECRET, 60));
        assertThat(written(during)).containsExactly(connAck311(3));     // server unavailable

        strict.nanos.addAndGet(TimeUnit.MINUTES.toNanos(2));
        EmbeddedChannel after = strict.open();
        send(after, connect(V311, CHARGER, CHARGER, CHARGER_SECRET, 60));
        assertThat(written(after)).containsExactly(connAck311(0));
    }
}
