package io.anju.gateway.mqtt;

import io.anju.gateway.auth.TokenSecrets;
import io.anju.gateway.ingest.Ingest;
import io.anju.gateway.ingest.IngestResult;
import io.anju.gateway.mqtt.connection.MqttLimits;
import io.anju.gateway.protect.ReadGate;
import io.anju.gateway.testing.GatewayHarness;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static io.anju.gateway.testing.GatewayHarness.send;
import static io.anju.gateway.testing.GatewayHarness.written;
import static io.anju.gateway.testing.MqttPackets.V311;
import static io.anju.gateway.testing.MqttPackets.publish;
import static io.anju.gateway.testing.MqttPackets.utf8;
import static io.anju.gateway.testing.TestDevices.CAMERA;
import static io.anju.gateway.testing.TestDevices.CAMERA_SECRET;
import static io.anju.gateway.testing.TestDevices.CHARGER;
import static io.anju.gateway.testing.TestDevices.CHARGER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/** Flow control: reading stops (autoRead off) instead of buffering or dropping. */
class MqttFlowControlTest {
    @org.junit.jupiter.api.AfterEach
    void releaseChannels() {
        GatewayHarness.releaseAll();
    }

    private static final String TELEMETRY = "anju/v1/charger/" + CHARGER + "/telemetry";
    private static final byte[] JSON = utf8("{\"ts\":1,\"seq\":1}");

    @Test
    void backpressure_whenIngestPausedAndResumed_thenAutoReadToggledOnEveryDeviceSocket() {
        GatewayHarness gw = new GatewayHarness();
        EmbeddedChannel charger = gw.connected(V311, CHARGER, CHARGER_SECRET);
        EmbeddedChannel camera = gw.connected(V311, CAMERA, CAMERA_SECRET);

        gw.ingest.listener().paused();
        charger.runPendingTasks();
        camera.runPendingTasks();
        assertThat(charger.config().isAutoRead()).isFalse();
        assertThat(camera.config().isAutoRead()).isFalse();
        assertThat(gw.metrics.pausedChannels()).isEqualTo(2);

        EmbeddedChannel openedWhilePaused = gw.open();
        assertThat(openedWhilePaused.config().isAutoRead()).isFalse();

        gw.ingest.listener().resumed();
        charger.runPendingTasks();
        camera.runPendingTasks();
        openedWhilePaused.runPendingTasks();
        assertThat(charger.config().isAutoRead()).isTrue();
        assertThat(camera.config().isAutoRead()).isTrue();
        assertThat(openedWhilePaused.config().isAutoRead()).isTrue();
        assertThat(gw.metrics.pausedChannels()).isZero();
    }

    @Test
    void lowDisk_pausesEverySocketOnItsOwn_readingResumesOnlyWhenBacklogAndDiskBothClear() {
        GatewayHarness gw = new GatewayHarness();
        EmbeddedChannel charger = gw.connected(V311, CHARGER, CHARGER_SECRET);
        Ingest.BackpressureListener disk = gw.sessions.listenerFor(ReadGate.Reason.DISK_LOW);

        disk.paused();
        gw.ingest.listener().paused();
        gw.ingest.listener().resumed();   // the log drained, but the disk is still low
        charger.runPendingTasks();
        assertThat(charger.config().isAutoRead()).isFalse();
        assertThat(gw.sessions.readsPaused()).isTrue();
        assertThat(gw.sessions.isBackpressured()).isFalse();
        EmbeddedChannel openedWhileLow = gw.open();
        assertThat(openedWhileLow.config().isAutoRead()).isFalse();

        disk.resumed();
        charger.runPendingTasks();
        openedWhileLow.runPendingTasks();
        assertThat(charger.config().isAutoRead()).isTrue();
        assertThat(openedWhileLow.config().isAutoRead()).isTrue();
        assertThat(gw.sessions.readsPaused()).isFalse();
        assertThat(gw.metrics.pausedChannels()).isZero();
    }

    @Test
    void inflight_whenMoreUnackedThanLimit_thenReadingPausedUntilHalfDrained() {
        GatewayHarness gw = GatewayHarness.with("limits.messagesPerSecond", "1000", "limits.messageBurst", "1000",
                "limits.inflightPerConnection", "4");
        gw.ingest.manual();
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        for (int id = 1; id <= 5; id++) {
            send(ch, publish(V311, TELEMETRY, 1, id, JSON));
        }
        assertThat(ch.config().isAutoRead()).isFalse();
        gw.ingest.complete(0, IngestResult.ACCEPTED);
        gw.ingest.complete(1, IngestResult.ACCEPTED);
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).as("3 in flight > 4/2").isFalse();
        gw.ingest.complete(2, IngestResult.ACCEPTED);
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isTrue();
        assertThat(written(ch)).hasSize(3 * 4);   // three PUBACKs
    }

    @Test
    void rateLimit_whenBurstExceeded_thenReadingPausedAndResumedLater_withoutDroppingMessages() {
        GatewayHarness gw = GatewayHarness.with("limits.messagesPerSecond", "10", "limits.messageBurst", "10");
        EmbeddedChannel ch = gw.connected(V311, CHARGER, CHARGER_SECRET);
        for (int id = 1; id <= 11; id++) {
            send(ch, publish(V311, TELEMETRY, 1, id, JSON));
        }
        assertThat(ch.config().isAutoRead()).isFalse();
        assertThat(gw.ingest.messages()).hasSize(11);                    // the eleventh is slowed down, not dropped
        assertThat(written(ch)).hasSize(11 * 4);
        assertThat(gw.metrics.count("anju.gateway.messages", "type", "charger", "status", "throttled")).isEqualTo(1);

        gw.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));          // one token back at 10/s
        ch.advanceTimeBy(100, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.config().isAutoRead()).isTrue();
    }
}
