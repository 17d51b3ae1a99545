package io.anju.gateway.downlink;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PendingCommandTest {
    private static final Duration TTL = Duration.ofMinutes(10);

    private static PendingCommand parse(String key, String json) {
        return PendingCommand.parse(key, json.getBytes(StandardCharsets.UTF_8), TTL);
    }

    @Test
    void commandExpiresAfterTheDefaultTtlOrItsOwn() {
        PendingCommand c = parse("d1", "{\"id\":\"a\",\"ts\":1000,\"action\":\"reboot\"}");
        assertThat(c.isValid()).isTrue();
        assertThat(c.isExpiredAt(1000 + TTL.toMillis())).isFalse();
        assertThat(c.isExpiredAt(1001 + TTL.toMillis())).isTrue();
        PendingCommand own = parse("d1", "{\"id\":\"a\",\"ts\":1000,\"action\":\"reboot\",\"ttlMs\":50}");
        assertThat(own.isExpiredAt(1050)).isFalse();
        assertThat(own.isExpiredAt(1051)).isTrue();
    }

    @Test
    void unreadableCommandsAreInvalidWithAReason() {
        assertThat(parse("d1", "nope").problem()).isEqualTo("not_json");
        assertThat(parse("d1", "[1]").problem()).isEqualTo("not_object");
        assertThat(parse("d1", "{\"ts\":1,\"action\":\"reboot\"}").problem()).isEqualTo("missing_field: id");
        assertThat(parse("d1", "{\"id\":\"a\",\"action\":\"reboot\"}").problem()).isEqualTo("missing_field: ts");
        assertThat(parse("d1", "{\"id\":\"a\",\"ts\":1}").problem()).isEqualTo("missing_field: action");
        assertThat(parse("d1", "{\"id\":\"a\",\"ts\":1,\"action\":\"x\",\"ttlMs\":-5}").problem()).isEqualTo("bad_value: ttlMs");
        assertThat(parse(null, "{\"id\":\"a\",\"ts\":1,\"action\":\"x\"}").problem()).contains("device id");
        assertThat(parse("d1", "{\"id\":\"a\",\"ts\":1,\"action\":\"x\"}").id()).isEqualTo("a");
    }
}
