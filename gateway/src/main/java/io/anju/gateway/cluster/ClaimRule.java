package io.anju.gateway.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Whether another instance's claim still holds a node id: it does while its heartbeat is younger than the lease, unless
 * it was made on this host by a process that no longer runs (a node restarted after a crash takes its id back at
 * once, instead of waiting out the lease).
 */
public final class ClaimRule {
    private final String host;
    private final Duration lease;
    private final LongPredicate processAlive;

    /**
     * @param host         this host's name
     * @param lease        how long a claim holds without a heartbeat ({@code node.lease})
     * @param processAlive whether a process id runs on this host
     */
    public ClaimRule(String host, Duration lease, LongPredicate processAlive) {
        this.host = host;
        this.lease = lease;
        this.processAlive = processAlive;
    }

    /** Why {@code other}, a claim on this node's id, keeps the id from this instance at {@code now}; or empty. */
    public Optional<String> holds(NodeClaim other, String myInstance, long now) {
        if (other == null || other.instance().equals(myInstance)) {
            return Optional.empty();
        }
        long silentMs = Math.max(0, now - other.heartbeatAt());
        if (silentMs >= lease.toMillis()) {
            return Optional.empty();
        }
        if (other.host().equals(host) && !processAlive.test(other.pid())) {
            return Optional.empty();
        }
        return Optional.of("is in use by a running gateway (host " + other.host() + ", pid " + other.pid()
                + ", last heard " + silentMs + " ms ago); give every node its own node.id, or stop that one first"
                + " (a node that died holds its id for node.lease, " + lease.toSeconds() + " s)");
    }
}
