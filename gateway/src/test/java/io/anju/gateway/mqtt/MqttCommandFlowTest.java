package io.anju.gateway.mqtt;

import io.anju.gateway.downlink.DeliveryOutcome;
import io.anju.gateway.mqtt.reply.MqttReplies;
import io.anju.gateway.testing.GatewayHarness;
import io.anju.gateway.testing.MqttPackets.Properties;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.anju.gateway.testing.GatewayHarness.send;
import static io.anju.gateway.testing.GatewayHarness.written;
import static io.anju.gateway.testing.MqttPackets.connect5;
import static io.anju.gateway.testing.MqttPackets.pubAck;
import static io.anju.gateway.testing.MqttPackets.utf8;
import static io.anju.gateway.testing.TestDevices.CHARGER;
import static io.anju.gateway.testing.TestDevices.CHARGER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/** Commands to a device respect what it announced in CONNECT: its Receive Maximum and its Maximum Packet Size. */
class MqttCommandFlowTest {
    private static final String COMMANDS = "anju/v1/charger/" + CHARGER + "/command";
    private static final byte[] STOP = utf8("{\"id\":\"c1\",\"action\":\"stop_port\",\"port\":3}");
    private static final byte[] RESUME = utf8("{\"id\":\"c2\",\"action\":\"resume_port\",\"port\":3}");

    private final GatewayHarness gw = new GatewayHarness();

    @AfterEach
    void releaseChannels() {
        GatewayHarness.releaseAll();
    }

    private EmbeddedChannel connected(Properties properties) {
        EmbeddedChannel ch = gw.open();
        send(ch, connect5(CHARGER, CHARGER, CHARGER_SECRET, properties));
        assertThat(written(ch)[3]).isZero();                                // CONNACK accepted
        return ch;
    }

    @Test
    void deliver_whenDeviceReceiveMaximumIs1_thenTheSecondCommandWaitsForTheFirstPuback() {
        EmbeddedChannel ch = connected(Properties.none().receiveMaximum(1));
        CompletableFuture<DeliveryOutcome> first = gw.sessions.deliver(CHARGER, STOP).toCompletableFuture();
        CompletableFuture<DeliveryOutcome> second = gw.sessions.deliver(CHARGER, RESUME).toCompletableFuture();
        byte[] out = written(ch);
        assertThat(out).hasSize(MqttReplies.commandBytes(COMMANDS, STOP.length, true));   // one PUBLISH only
        int firstId = packetId(out);

        send(ch, pubAck(firstId));
        assertThat(first).isCompletedWithValue(DeliveryOutcome.DELIVERED);
        out = written(ch);
        assertThat(out).hasSize(MqttReplies.commandBytes(COMMANDS, RESUME.length, true));  // now the second
        send(ch, pubAck(packetId(out)));
        assertThat(second).isCompletedWithValue(DeliveryOutcome.DELIVERED);
    }

    @Test
    void deliver_whenACommandTimedOutUnacknowledged_thenItsIdStaysInFlightUntilTheDeviceAcksIt() {
        EmbeddedChannel ch = connected(Properties.none().receiveMaximum(1));
        CompletableFuture<DeliveryOutcome> first = gw.sessions.deliver(CHARGER, STOP).toCompletableFuture();
        int firstId = packetId(written(ch));
        ch.advanceTimeBy(11, TimeUnit.SECONDS);                              // commands.deliveryTimeout 10 s
        ch.runScheduledPendingTasks();
        assertThat(first).isCompletedWithValue(DeliveryOutcome.TIMEOUT);

        CompletableFuture<DeliveryOutcome> second = gw.sessions.deliver(CHARGER, RESUME).toCompletableFuture();
        assertThat(written(ch)).as("the device still holds the first: no room").isEmpty();
        send(ch, pubAck(firstId));                                          // late, but it frees the place
        assertThat(written(ch)).hasSize(MqttReplies.commandBytes(COMMANDS, RESUME.length, true));
        assertThat(second).isNotDone();
    }

    @Test
    void deliver_whenCommandIsLargerThanTheDeviceMaximumPacketSize_thenTooLargeAndNothingSent() {
        int size = MqttReplies.commandBytes(COMMANDS, STOP.length, true);
        EmbeddedChannel ch = connected(Properties.none().maximumPacketSize(size - 1));
        CompletableFuture<DeliveryOutcome> outcome = gw.sessions.deliver(CHARGER, STOP).toCompletableFuture();
        ch.runPendingTasks();
        assertThat(outcome).isCompletedWithValue(DeliveryOutcome.TOO_LARGE);
        assertThat(written(ch)).isEmpty();
    }

    @Test
    void deliver_whenCommandIsExactlyTheDeviceMaximumPacketSize_thenSent() {
        int size = MqttReplies.commandBytes(COMMANDS, STOP.length, true);
        EmbeddedChannel ch = connected(Properties.none().maximumPacketSize(size));
        CompletableFuture<DeliveryOutcome> outcome = gw.sessions.deliver(CHARGER, STOP).toCompletableFuture();
        assertThat(written(ch)).hasSize(size);
        assertThat(outcome).isNotDone();
    }

    /** The packet id of a command PUBLISH (QoS 1) as the gateway wrote it. */
    private static int packetId(byte[] publish) {
        int at = 2 + 2 + COMMANDS.length();                                   // fixed header, topic length, topic
        return (publish[at] & 0xFF) << 8 | publish[at + 1] & 0xFF;
    }
}
