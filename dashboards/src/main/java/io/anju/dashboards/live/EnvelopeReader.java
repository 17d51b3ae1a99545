package io.anju.dashboards.live;

import io.anju.common.json.Json;
import io.anju.common.model.Envelope;

/** Reads the gateway's envelopes (written with their default values left out: {@link Json#fromBytesWithDefaults}). */
final class EnvelopeReader {

    private EnvelopeReader() {
    }

    /** The envelope, or an {@link IllegalArgumentException} when it names no device. */
    static Envelope read(byte[] value) {
        Envelope e = Json.fromBytesWithDefaults(value, Envelope.class);
        if (e == null || e.deviceId() == null) {
            throw new IllegalArgumentException("not an envelope: no deviceId");
        }
        return e;
    }
}
