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
                .hasMessage("setting ack.ttl = '0s': must be positive");
        assertThatThrownBy(() -> Require.positive("detect.crowd.density", -1.5))
                .hasMessage("setting detect.crowd.density = '-1.5': must be positive");
        assertThatThrownBy(() -> Require.oneOf("kafka.compression", "brotli", List.of("none", "lz4")))
                .hasMessage("setting kafka.compression = 'brotli': must be one of none, lz4");
        assertThatThrownBy(() -> Require.that(false, "node.id", "a b", "must not contain spaces"))
                .hasMessage("setting node.id = 'a b': must not contain spaces");
        assertThatThrownBy(() -> Require.atLeast("--connections", 0, 1))
                .hasMessage("setting --connections = '0': must be at least 1");
        assertThatThrownBy(() -> Require.present("intake.topic", " "))
                .hasMessage("setting intake.topic = ' ': is required");
    }

    @Test
    void aDuration_isShownAsAUserWritesIt() {
        assertThatThrownBy(() -> Require.between("live.staleAfter", Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofHours(1)))
                .hasMessage("setting live.staleAfter = '5s': must be between 10s and 1h");
        assertThatThrownBy(() -> Require.between("intake.retryBackoff", Duration.ofMillis(1), Duration.ofMillis(10),
                Duration.ofMinutes(10)))
                .hasMessage("setting intake.retryBackoff = '1ms': must be between 10ms and 10m");
        assertThatThrownBy(() -> Require.positive("supervision.interval", (Duration) null))
                .hasMessage("setting supervision.interval = 'null': must be positive");
        assertThat(Setting.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Setting.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Setting.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void aNumberThatIsNoNumber_isNotPositive() {
        assertThatThrownBy(() -> Require.positive("detect.crowd.blueDensity", Double.POSITIVE_INFINITY))
                .hasMessage("setting detect.crowd.blueDensity = 'Infinity': must be positive");
        assertThatThrownBy(() -> Require.positive("detect.crowd.blueDensity", Double.NaN))
                .hasMessageContaining("must be positive");
    }

    @Test
    void aGoodValue_isReturned() {
        assertThat(Require.between("n", 5, 0, 10)).isEqualTo(5);
        assertThat(Require.positive("d", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(Require.positive("x", 0.5)).isEqualTo(0.5);
        assertThat(Require.oneOf("c", "lz4", List.of("none", "lz4"))).isEqualTo("lz4");
        assertThat(Require.atLeast("n", 1, 1)).isEqualTo(1);
        assertThat(Require.between("d", Duration.ofMinutes(10), Duration.ofMillis(10), Duration.ofMinutes(10)))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(Require.present("t", "anju.alerts")).isEqualTo("anju.alerts");
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
