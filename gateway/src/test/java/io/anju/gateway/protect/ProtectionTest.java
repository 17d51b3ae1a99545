package io.anju.gateway.protect;

import io.anju.gateway.testing.RemoteChannel;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private SourceLimits unlimitedSources() {
        return new SourceLimits(1_000_000, 1_000_000, 1_000_000, AddressRanges.parse(""), nanos::get);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void acceptGuard_whenConnectRateExceeded_thenNewSocketClosed() {
        List<AcceptGuard.Refusal> refusals = new ArrayList<>();
        AcceptGuard guard = new AcceptGuard(100, new TokenBucket(1, 2, nanos::get), unlimitedSources(), refusals::add);
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
        AcceptGuard guard = new AcceptGuard(2, new TokenBucket(1000, 1000, nanos::get), unlimitedSources(), refusals::add);
        EmbeddedChannel a = new EmbeddedChannel(guard);
        new EmbeddedChannel(guard);
        assertThat(new EmbeddedChannel(guard).isActive()).isFalse();
        assertThat(refusals).containsExactly(AcceptGuard.Refusal.MAX_CONNECTIONS);
        a.close();
        assertThat(new EmbeddedChannel(guard).isActive()).isTrue();
        assertThat(guard.openConnections()).isEqualTo(2);
    }

    @Test
    void acceptGuard_whenOneSourceFloods_thenDevicesFromOtherSourcesStillConnect() {
        // the audit's case: one unauthenticated source opening thousands of bare sockets while devices connect
        List<AcceptGuard.Refusal> refusals = new ArrayList<>();
        AcceptGuard guard = new AcceptGuard(100_000, new TokenBucket(500, 1_000, nanos::get),
                new SourceLimits(20, 100, 32, AddressRanges.parse("127.0.0.0/8"), nanos::get), refusals::add);
        List<RemoteChannel> channels = new ArrayList<>();
        int floodAdmitted = 0;
        for (int i = 0; i < 9_000; i++) {
            RemoteChannel flood = RemoteChannel.from("203.0.113.66", guard);
            channels.add(flood);
            floodAdmitted += flood.isActive() ? 1 : 0;
        }
        int devicesAdmitted = 0;
        for (int i = 1; i <= 39; i++) {
            RemoteChannel device = RemoteChannel.from("198.51.100." + i, guard);
            channels.add(device);
            devicesAdmitted += device.isActive() ? 1 : 0;
        }
        assertThat(floodAdmitted).as("the flooding source gets at most its pre-auth limit").isEqualTo(32);
        assertThat(devicesAdmitted).as("devices from other sources").isEqualTo(39);
        assertThat(refusals).containsOnly(AcceptGuard.Refusal.SOURCE_PRE_AUTH).hasSize(9_000 - 32);
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @Test
    void acceptGuard_whenSourceHoldsMaxPreAuth_thenRefusedUntilOneAuthenticatesOrCloses() {
        List<AcceptGuard.Refusal> refusals = new ArrayList<>();
        AcceptGuard guard = new AcceptGuard(100, new TokenBucket(1000, 1000, nanos::get),
                new SourceLimits(1000, 1000, 2, AddressRanges.parse(""), nanos::get), refusals::add);
        RemoteChannel a = RemoteChannel.from("192.0.2.1", guard);
        RemoteChannel b = RemoteChannel.from("192.0.2.1", guard);
        assertThat(RemoteChannel.from("192.0.2.1", guard).isActive()).isFalse();
        assertThat(refusals).containsExactly(AcceptGuard.Refusal.SOURCE_PRE_AUTH);
        assertThat(RemoteChannel.from("192.0.2.2", guard).isActive()).as("another source").isTrue();

        AcceptGuard.preAuthEnded(a);
        AcceptGuard.preAuthEnded(a); // once only
        assertThat(RemoteChannel.from("192.0.2.1", guard).isActive()).isTrue();
        assertThat(RemoteChannel.from("192.0.2.1", guard).isActive()).isFalse();
        b.close();
        assertThat(RemoteChannel.from("192.0.2.1", guard).isActive()).isTrue();
        a.close(); // authenticated earlier: closing it frees nothing more
        assertThat(RemoteChannel.from("192.0.2.1", guard).isActive()).isFalse();
    }

    @Test
    void acceptGuard_whenSourceConnectsFasterThanItsRate_thenRefusedWithoutTakingTheNodesTokens() {
        List<AcceptGuard.Refusal> refusals = new ArrayList<>();
        TokenBucket node = new TokenBucket(1, 5, nanos::get);
        AcceptGuard guard = new AcceptGuard(100, node,
                new SourceLimits(1, 2, 100, AddressRanges.parse(""), nanos::get), refusals::add);
        for (int i = 0; i < 10; i++) {
            RemoteChannel.from("192.0.2.1", guard).close();
        }
        assertThat(refusals).hasSize(8).containsOnly(AcceptGuard.Refusal.SOURCE_CONNECT_RATE);
        for (int i = 0; i < 3; i++) {
            assertThat(RemoteChannel.from("192.0.2." + (10 + i), guard).isActive()).as("node tokens left").isTrue();
        }
    }

    @Test
    void sourceLimits_exemptRangesAreNotLimited_andAnIpv6Slash64IsOneSource() {
        SourceLimits sources = new SourceLimits(1, 1, 1, AddressRanges.parse("127.0.0.0/8, ::1"), nanos::get);
        for (int i = 0; i < 5; i++) {
            assertThat(sources.admit(address("127.0.0.1"))).isNull();
            assertThat(sources.admit(address("::1"))).isNull();
        }
        assertThat(sources.admit(address("2001:db8:1:2::10"))).isNull();
        assertThat(sources.admit(address("2001:db8:1:2:ffff::99"))).as("same /64").isEqualTo(SourceLimits.Refusal.PRE_AUTH);
        assertThat(sources.admit(address("2001:db8:1:3::10"))).as("next /64").isNull();
        assertThat(sources.trackedSources()).isEqualTo(2);
    }

    @Test
    void sourceLimits_purgeForgetsSourcesWithNothingPreAuthOnceTheirBucketRefilled() {
        SourceLimits sources = new SourceLimits(10, 10, 5, AddressRanges.parse(""), nanos::get);
        sources.admit(address("192.0.2.1"));
        sources.admit(address("192.0.2.2"));
        sources.preAuthEnded(address("192.0.2.1"));
        sources.purge();
        assertThat(sources.trackedSources()).as("buckets not yet full").isEqualTo(2);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        sources.purge();
        assertThat(sources.trackedSources()).as("192.0.2.2 still has a connection pre-auth").isEqualTo(1);
    }

    @Test
    void addressRanges_matchPrefixes_andRefuseWhatIsNotALiteralAddress() {
        AddressRanges ranges = AddressRanges.parse("10.0.0.0/8,192.168.1.7,2001:db8::/32,172.16.0.0/12");
        assertThat(ranges.contains(address("10.200.3.4"))).isTrue();
        assertThat(ranges.contains(address("11.0.0.1"))).isFalse();
        assertThat(ranges.contains(address("192.168.1.7"))).isTrue();
        assertThat(ranges.contains(address("192.168.1.8"))).isFalse();
        assertThat(ranges.contains(address("172.31.255.255"))).isTrue();
        assertThat(ranges.contains(address("172.32.0.0"))).isFalse();
        assertThat(ranges.contains(address("2001:db8:ffff::1"))).isTrue();
        assertThat(ranges.contains(address("2001:db9::1"))).isFalse();
        assertThat(AddressRanges.parse(" ").isEmpty()).isTrue();
        assertThatThrownBy(() -> AddressRanges.parse("gateway.example.com")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> AddressRanges.parse("10.0.0.0/33")).hasMessageContaining("prefix length must be 0-32");
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

    @Test
    void flappingGuard_heldOff_refusesForThePeriodOnly() {
        FlappingGuard guard = new FlappingGuard(10, Duration.ofMinutes(5), nanos::get);
        assertThat(guard.admit("d1")).isTrue();
        guard.holdOff("d1", Duration.ofSeconds(20));
        assertThat(guard.admit("d1")).isFalse();
        assertThat(guard.admit("d2")).isTrue();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(20));
        assertThat(guard.admit("d1")).isTrue();
    }
}
