package io.anju.gateway.protect;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProtectionTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void tokenBucket_allowsBurstThenRefillsAtRate() {
        TokenBucket bucket = new TokenBucket(10, 3, nanos::get);
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
        assertThat(bucket.nanosUntilToken()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
    }

    @Test
    void acceptGuard_whenConnectRateExceeded_thenNewSocketClosed() {
        List<AcceptGuard.Refusal> refusals = new ArrayList<>();
        AcceptGuard guard = new AcceptGuard(100, new TokenBucket(1, 2, nanos::get), refusals::add);
        EmbeddedChannel a = new EmbeddedChannel(guard);
        EmbeddedChannel b = new EmbeddedChannel(guard);
        EmbeddedChannel c = new EmbeddedChannel(guard);
        assertThat(a.isActive()).isTrue();
        assertThat(b.isActive()).isTrue();
        assertThat(c.isActive()).isFalse();
        assertThat(refusals).containsExactly(AcceptGuard.Refusal.CONNECT_RATE);
    }

    @Test
    void acceptGuard_whenMaxConnectionsHeld_thenNewSocketClosedUntilOneCloses() {
        List<AcceptGuard.Refusal> refusals = new ArrayList<>();
        AcceptGuard guard = new AcceptGuard(2, new TokenBucket(1000, 1000, nanos::get), refusals::add);
        EmbeddedChannel a = new EmbeddedChannel(guard);
        new EmbeddedChannel(guard);
        assertThat(new EmbeddedChannel(guard).isActive()).isFalse();
        assertThat(refusals).containsExactly(AcceptGuard.Refusal.MAX_CONNECTIONS);
        a.close();
        assertThat(new EmbeddedChannel(guard).isActive()).isTrue();
        assertThat(guard.openConnections()).isEqualTo(2);
    }

    @Test
    void flappingGuard_bansAboveLimitForBanDuration_andPurgeForgetsQuietDevices() {
        FlappingGuard guard = new FlappingGuard(2, Duration.ofMinutes(5), nanos::get);
        assertThat(guard.admit("d1")).isTrue();
        assertThat(guard.admit("d1")).isTrue();
        assertThat(guard.admit("d1")).isFalse();
        assertThat(guard.admit("d2")).isTrue();
        nanos.addAndGet(TimeUnit.MINUTES.toNanos(5) - 1);
        assertThat(guard.admit("d1")).isFalse();
        nanos.addAndGet(1);
        assertThat(guard.admit("d1")).isTrue();
        nanos.addAndGet(TimeUnit.MINUTES.toNanos(2));
        guard.purge();
        assertThat(guard.trackedDevices()).isZero();
    }

    @Test
    void flappingGuard_connectsSpreadOverMoreThanAMinute_areNotFlapping() {
        FlappingGuard guard = new FlappingGuard(2, Duration.ofMinutes(5), nanos::get);
        for (int i = 0; i < 10; i++) {
            assertThat(guard.admit("d1")).isTrue();
            nanos.addAndGet(TimeUnit.SECONDS.toNanos(31));
        }
    }
}
