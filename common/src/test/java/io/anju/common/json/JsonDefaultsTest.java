package io.anju.common.json;

import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Envelope;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonDefaultsTest {

    @Test
    void anEnvelopeAsTheGatewayWritesItReadsBackWithTheFieldsLeftOutAtTheirDefaults() {
        Envelope sent = new Envelope("chg-1", DeviceType.CHARGER, Channel.STATUS, 1_000, 0, 1_020, "gw-1", false,
                null, null);
        byte[] written = Json.toBytes(sent);
        assertThat(new String(written)).doesNotContain("clockSkewed").doesNotContain("seq");

        assertThat(Json.fromBytesWithDefaults(written, Envelope.class)).isEqualTo(sent);
        // The platform's strict reading still refuses a missing primitive.
        assertThatThrownBy(() -> Json.fromBytes(written, Envelope.class)).isInstanceOf(UncheckedIOException.class);
    }
}
