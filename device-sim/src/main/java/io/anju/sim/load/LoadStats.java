package io.anju.sim.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and latency distributions of a load run; safe to update from any thread. PUBACK latency runs from writing
 * the PUBLISH to its PUBACK; CONNACK latency from the start of the TCP connect to an accepting CONNACK, so that a
 * handshake held up in the gateway's accept queue counts as well as a slow CONNECT.
 */
public final class LoadStats {
    public final LongAdder sent = new LongAdder();
    public final LongAdder acknowledged = new LongAdder();
    public final LongAdder errors = new LongAdder();
    /** Connects that did not end connected: TCP failures, sockets closed before CONNACK, refusing CONNACKs. */
    public final LongAdder connectFailures = new LongAdder();
    /** Of the connect failures, those the gateway answered with a refusing CONNACK. */
    public final LongAdder connectRefused = new LongAdder();
    public final AtomicInteger connected = new AtomicInteger();
    private final LatencyRecorder pubAck = new LatencyRecorder();
    private final LatencyRecorder connAck = new LatencyRecorder();
    private final LatencyRecorder tcpConnect = new LatencyRecorder();

    public void recordAck(long sentAtNanos, long nowNanos) {
        acknowledged.increment();
        pubAck.record(sentAtNanos, nowNanos);
    }

    /** A connection was accepted: counted as connected and its CONNACK latency recorded. */
    public void recordConnected(long connectStartNanos, long nowNanos) {
        connected.incrementAndGet();
        connAck.record(connectStartNanos, nowNanos);
    }

    /**
     * A TCP handshake completed (the part of the CONNACK latency spent before the CONNECT could be sent; a SYN dropped
     * by a full accept queue shows here as a retransmission, a socket waiting in the queue shows after it).
     */
    public void recordTcpConnected(long connectStartNanos, long nowNanos) {
        tcpConnect.record(connectStartNanos, nowNanos);
    }

    /** The gateway answered a CONNECT with a refusing CONNACK. */
    public void recordRefused() {
        connectRefused.increment();
        connectFailures.increment();
    }

    public Latencies pubAckLatencies() {
        return pubAck.total();
    }

    public Latencies connAckLatencies() {
        return connAck.total();
    }

    public Latencies tcpConnectLatencies() {
        return tcpConnect.total();
    }

    public long inFlight() {
        return Math.max(0, sent.sum() - acknowledged.sum() - errors.sum());
    }
}
