package io.anju.common.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequireTest {

    @Test
    void aFailure_namesTheSettingTheValueAndTheRule() {
        assertThatThrownBy(() -> Require.between("kafka.lingerMs", 2000, 0, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting kafka.lingerMs = '2000': must be between 0 and 1000");
        assertThatThrownBy(() -> Require.positive("ack.ttl", Duration.ZERO))
                .hasMessage("setting ack.ttl = 'PT0S': must be positive");
        assertThatThrownBy(() -> Require.positive("detect.crowd.density", -1.5))
                .hasMessage("setting detect.crowd.density = '-1.5': must be positive");
        assertThatThrownBy(() -> Require.oneOf("kafka.compression", "brotli", List.of("none", "lz4")))
                .hasMessage("setting kafka.compression = 'brotli': must be one of none, lz4");
        assertThatThrownBy(() -> Require.that(false, "node.id", "a b", "must not contain spaces"))
                .hasMessage("setting node.id = 'a b': must not contain spaces");
    }

    @Test
    void aGoodValue_isReturned() {
        assertThat(Require.between("n", 5, 0, 10)).isEqualTo(5);
        assertThat(Require.positive("d", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Require.positive("x", 0.5)).isEqualTo(0.5);
        assertThat(Require.oneOf("c", "lz4", List.of("none", "lz4"))).isEqualTo("lz4");
    }

    @Test
    void aTableSetting_failsInTheSameWordsWithItsEnvironmentVariable() {
        Setting linger = Setting.integer("kafka.lingerMs", 5, 0, 1000, "linger");
        assertThatThrownBy(() -> linger.parse("2000"))
                .hasMessage("setting kafka.lingerMs (ANJU_KAFKA_LINGER_MS) = '2000': must be between 0 and 1000");
        Setting codec = Setting.choice("kafka.compression", "lz4", List.of("none", "lz4"), "codec");
        assertThat(codec.parse("none")).isEqualTo("none");
        assertThat(codec.bounds()).isEqualTo("none, lz4");
        assertThatThrownBy(() -> codec.parse("gzip")).hasMessageContaining("must be one of none, lz4");
    }
}
