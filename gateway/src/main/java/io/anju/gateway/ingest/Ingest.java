package io.anju.gateway.ingest;

import java.util.concurrent.CompletionStage;

/**
 * The seam between the MQTT protocol side of the gateway and the durable log. Implementations validate the
 * payload, build the canonical envelope, store snapshots, and write to Kafka. The returned stage completes
 * only once the outcome is final: never {@link IngestResult.Accepted} before the log acknowledged the record.
 */
public interface Ingest {

    CompletionStage<IngestResult> accept(InboundMessage message);

    /**
     * Registers the listener told when the downstream buffer passes its high-water mark ({@code paused}) and when
     * it has drained below the low-water mark again ({@code resumed}); the MQTT side stops and restarts reading
     * device sockets accordingly.
     */
    void setBackpressureListener(BackpressureListener listener);

    /** Flushes everything in flight (waits at most the given time) — used by graceful shutdown. */
    void drain(java.time.Duration timeout);

    interface BackpressureListener {
        void paused();

        void resumed();
    }
}
