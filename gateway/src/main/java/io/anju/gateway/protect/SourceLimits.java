package io.anju.gateway.protect;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Limits per source, so that one source cannot use up what every device shares (the node's accept rate and
 * connection slots): new connections per second, and connections open but not yet authenticated ("pre-auth": accepted,
 * no CONNACK yet). A source is an IPv4 address or an IPv6 /64 (one host usually holds a whole /64). Sources in the
 * exempt ranges are not limited here (only by the node-wide limits). Thread-safe: accepts happen on every event loop.
 */
public final class SourceLimits {
    private static final int IPV6_SOURCE_BYTES = 8;

    /** Why a source's new connection was refused. */
    public enum Refusal { RATE, PRE_AUTH }

    private final double ratePerSecond;
    private final int burst;
    private final int maxPreAuth;
    private final AddressRanges exempt;
    private final LongSupplier nanoClock;
    private final Map<InetAddress, Source> sources = new ConcurrentHashMap<>();

    public SourceLimits(int ratePerSecond, int burst, int maxPreAuth, AddressRanges exempt, LongSupplier nanoClock) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.maxPreAuth = maxPreAuth;
        this.exempt = exempt;
        this.nanoClock = nanoClock;
    }

    /**
     * Admits a new connection from {@code address}, or says why not. An admitted connection counts as pre-auth for its
     * source until {@link #preAuthEnded} is called for it, exactly once.
     */
    public Refusal admit(InetAddress address) {
        if (exempt.contains(address)) {
            return null;
        }
        Refusal[] refusal = new Refusal[1];
        // compute: one source's count and bucket change atomically, also against purge()
        sources.compute(sourceOf(address), (k, s) -> {
            Source source = s != null ? s : new Source(new TokenBucket(ratePerSecond, burst, nanoClock));
            if (source.preAuth >= maxPreAuth) {
                refusal[0] = Refusal.PRE_AUTH;
            } else if (!source.connects.tryTake()) {
                refusal[0] = Refusal.RATE;
            } else {
                source.preAuth++;
            }
            return source;
        });
        return refusal[0];
    }

    /** A connection admitted from {@code address} authenticated or closed: its source holds one pre-auth fewer. */
    public void preAuthEnded(InetAddress address) {
        if (exempt.contains(address)) {
            return;
        }
        sources.computeIfPresent(sourceOf(address), (k, s) -> {
            s.preAuth--;
            return s;
        });
    }

    /** Forgets sources with nothing pre-auth whose bucket refilled (called periodically to bound memory). */
    public void purge() {
        for (InetAddress key : sources.keySet()) {
            sources.computeIfPresent(key, (k, s) -> s.preAuth == 0 && s.connects.isFull() ? null : s);
        }
    }

    /** How many sources are remembered now. */
    public int trackedSources() {
        return sources.size();
    }

    /** The address itself for IPv4, its /64 network for IPv6. */
    static InetAddress sourceOf(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] network = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(network, IPV6_SOURCE_BYTES, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(network);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always a valid IPv6 address
        }
    }

    private static final class Source {
        final TokenBucket connects;
        int preAuth;

        Source(TokenBucket connects) {
            this.connects = connects;
        }
    }
}
