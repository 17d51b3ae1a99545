package io.anju.gateway.ingest;

/** What became of an {@link InboundMessage}; the MQTT side maps it to PUBACK reason codes or a disconnect. */
public sealed interface IngestResult {

    /** Durably in the log (Kafka acknowledged the record): PUBACK may be sent. */
    record Accepted() implements IngestResult {
    }

    /**
     * Invalid payload, durably in the quarantine topic with {@code reason}: PUBACK (MQTT 5: reason 0x99
     * Payload format invalid) may be sent, the device must not resend it.
     */
    record Quarantined(String reason) implements IngestResult {
    }

    /**
     * The log could not take the message (broker down, timeout): no PUBACK may be sent; the MQTT side closes
     * the connection so the device resends after reconnecting.
     */
    record Unavailable(String reason) implements IngestResult {
    }

    IngestResult ACCEPTED = new Accepted();
}
