package io.anju.gateway.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimRuleTest {
    static final long NOW = 1_000_000L;
    static final long ALIVE = 11;
    static final long GONE = 12;
    final ClaimRule rule = new ClaimRule("gw-host-1", Duration.ofSeconds(30), pid -> pid == ALIVE);

    @Test
    void aClaimRenewedWithinTheLease_byARunningProcess_holdsTheId() {
        assertThat(rule.holds(new NodeClaim("other", "gw-host-2", GONE, NOW - 29_999), "me", NOW))
                .hasValueSatisfying(why -> assertThat(why).contains("host gw-host-2").contains("pid 12")
                        .contains("last heard 29999 ms ago"));
        assertThat(rule.holds(new NodeClaim("other", "gw-host-1", ALIVE, NOW - 5_000), "me", NOW))
                .as("another process on this host").isPresent();
    }

    @Test
    void aClaimNotRenewedForTheLease_holdsNothing() {
        assertThat(rule.holds(new NodeClaim("other", "gw-host-2", ALIVE, NOW - 30_000), "me", NOW)).isEmpty();
    }

    @Test
    void aClaimOfAProcessGoneFromThisHost_holdsNothing_soACrashedNodeRestartsAtOnce() {
        assertThat(rule.holds(new NodeClaim("other", "gw-host-1", GONE, NOW - 1_000), "me", NOW)).isEmpty();
    }

    @Test
    void noClaim_aTombstone_orThisInstancesOwnClaim_holdNothing() {
        assertThat(rule.holds(null, "me", NOW)).isEmpty();
        assertThat(rule.holds(new NodeClaim("me", "gw-host-1", ALIVE, NOW), "me", NOW)).isEmpty();
    }
}
