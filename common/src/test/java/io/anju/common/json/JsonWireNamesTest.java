package io.anju.common.json;

import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonWireNamesTest {
    record Tagged(DeviceType type, Channel channel) {
    }

    @Test
    void writesEnumsByWireName() {
        assertThat(Json.toString(new Tagged(DeviceType.CHARGER, Channel.COMMAND_REPLY)))
                .isEqualTo("{\"type\":\"charger\",\"channel\":\"command/reply\"}");
        assertThat(Json.toString(DeviceType.CROWD)).isEqualTo("\"crowd\"");
    }

    @Test
    void readsEnumsByWireName() {
        Tagged t = Json.fromBytes("{\"type\":\"camera\",\"channel\":\"telemetry\"}".getBytes(), Tagged.class);
        assertThat(t).isEqualTo(new Tagged(DeviceType.CAMERA, Channel.TELEMETRY));
    }

    @Test
    void rejectsUnknownAndJavaStyleNames() {
        assertThatThrownBy(() -> Json.fromBytes("{\"type\":\"CHARGER\"}".getBytes(), Tagged.class))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("CHARGER");
        assertThatThrownBy(() -> Json.fromBytes("{\"channel\":\"COMMAND_REPLY\"}".getBytes(), Tagged.class))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("COMMAND_REPLY");
    }
}
