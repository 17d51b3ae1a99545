package io.anju.gateway.downlink;

import io.anju.gateway.config.GatewayConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HeldCommandsTest {
    private static final TopicPartition P0 = new TopicPartition("anju.commands", 0);
    private static final TopicPartition P1 = new TopicPartition("anju.commands", 1);
    private static final long T0 = 1_700_000_000_000L;

    private static HeldCommands.Held held(String device, String id, long ts, TopicPartition tp, long offset) {
        String json = "{\"id\":\"" + id + "\",\"ts\":" + ts + ",\"action\":\"stop_port\",\"port\":1,\"ttlMs\":60000}";
        PendingCommand c = PendingCommand.parse(device, json.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(10));
        return new HeldCommands.Held(c, tp, offset);
    }

    @Test
    void aDevicesCommandsWaitInOrder_andAreReleasedOneByOne() {
        HeldCommands held = new HeldCommands(GatewayConfig.defaults().commandsHoldLimits());
        HeldCommands.Held a = held("chg-1", "a", T0, P0, 10);
        HeldCommands.Held b = held("chg-1", "b", T0, P0, 12);
        assertThat(held.hold(a)).isTrue();
        assertThat(held.hold(b)).isTrue();
        assertThat(held.holds("chg-1")).isTrue();
        assertThat(held.holds("chg-2")).isFalse();
        assertThat(held.first("chg-1")).isEqualTo(a);
        held.release(a);
        assertThat(held.first("chg-1")).isEqualTo(b);
        held.release(b);
        assertThat(held.holds("chg-1")).isFalse();
        assertThat(held.size()).isZero();
        assertThat(held.devices()).isEmpty();
    }

    @Test
    void theCommittedOffsetNeverPassesAHeldCommand_perPartition() {
        HeldCommands held = new HeldCommands(GatewayConfig.defaults().commandsHoldLimits());
        HeldCommands.Held a = held("chg-1", "a", T0, P0, 10);
        HeldCommands.Held b = held("chg-2", "b", T0, P0, 15);
        held.hold(a);
        held.hold(b);
        assertThat(held.commitFloor(P0, 20)).isEqualTo(10);
        assertThat(held.commitFloor(P0, 8)).as("nothing held before what was read").isEqualTo(8);
        assertThat(held.commitFloor(P1, 20)).as("another partition is not held back").isEqualTo(20);
        held.release(a);
        assertThat(held.commitFloor(P0, 20)).isEqualTo(15);
        held.release(b);
        assertThat(held.commitFloor(P0, 20)).isEqualTo(20);
    }

    @Test
    void aCommandReadAgainAfterAFailedBatchIsHeldOnce() {
        HeldCommands held = new HeldCommands(GatewayConfig.defaults().commandsHoldLimits());
        assertThat(held.hold(held("chg-1", "a", T0, P0, 10))).isTrue();
        assertThat(held.hold(held("chg-1", "a", T0, P0, 10))).isTrue();
        assertThat(held.of("chg-1")).hasSize(1);
        assertThat(held.size()).isEqualTo(1);
    }

    @Test
    void expiredCommandsAreFoundByTheirTtl_andStayHeldUntilReleased() {
        HeldCommands held = new HeldCommands(GatewayConfig.defaults().commandsHoldLimits());
        HeldCommands.Held old = held("chg-1", "old", T0, P0, 1);
        HeldCommands.Held fresh = held("chg-1", "fresh", T0 + 30_000, P0, 2);
        held.hold(old);
        held.hold(fresh);
        assertThat(held.expired(T0 + 60_000)).as("the TTL is 60 s: at exactly +60 s not yet").isEmpty();
        assertThat(held.expired(T0 + 60_001)).containsExactly(old);
        assertThat(held.size()).isEqualTo(2);
        held.release(old);
        assertThat(held.expired(T0 + 90_001)).containsExactly(fresh);
    }

    @Test
    void theBoundsPerDeviceAndInAllRefuseMore() {
        HeldCommands held = new HeldCommands(new HoldLimits(2, 3));
        assertThat(held.hold(held("chg-1", "a", T0, P0, 1))).isTrue();
        assertThat(held.hold(held("chg-1", "b", T0, P0, 2))).isTrue();
        assertThat(held.hold(held("chg-1", "c", T0, P0, 3))).as("per device").isFalse();
        assertThat(held.hold(held("chg-2", "d", T0, P0, 4))).isTrue();
        assertThat(held.hold(held("chg-3", "e", T0, P0, 5))).as("in all").isFalse();
        assertThat(held.holds("chg-3")).isFalse();
        assertThat(held.commitFloor(P0, 6)).isEqualTo(1);
        assertThat(held.size()).isEqualTo(3);
    }

    @Test
    void zeroPerDeviceHoldsNothing() {
        HeldCommands held = new HeldCommands(new HoldLimits(0, 100));
        assertThat(held.hold(held("chg-1", "a", T0, P0, 1))).isFalse();
        assertThat(held.size()).isZero();
        assertThat(held.commitFloor(P0, 2)).isEqualTo(2);
    }
}
