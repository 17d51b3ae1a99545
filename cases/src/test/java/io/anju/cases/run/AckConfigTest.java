package io.anju.cases.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The acknowledge-link settings: defaults, and a bad base URL or lifetime refused at start naming the setting. */
class AckConfigTest {

    @Test
    void defaultsPointAtTheLocalServiceAndKeepTheKeyInTheDataDirectory() {
        CasesConfig c = CasesConfig.of(Map.of());

        assertThat(c.ackBaseUrl()).isEqualTo("http://localhost:8081");
        assertThat(CasesConfig.of(Map.of("http.port", "9090")).ackBaseUrl()).isEqualTo("http://localhost:9090");
        assertThat(CasesConfig.of(Map.of("http.port", "0")).ackBaseUrl(41_234)).as("any free port: the one it got")
                .isEqualTo("http://localhost:41234");
        assertThat(c.ackTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(c.ackKeyFile()).isEqualTo(Path.of("./data", "cases", "ack.key"));
        assertThat(CasesConfig.of(Map.of("ack.baseUrl", "https://cases.example.org/")).ackBaseUrl())
                .isEqualTo("https://cases.example.org");
    }

    @Test
    void aBadBaseUrlOrLifetimeFailsAtStartNamingTheSetting() {
        assertThatThrownBy(() -> CasesConfig.of(Map.of("ack.baseUrl", "cases.example.org")))
                .hasMessageStartingWith("setting ack.baseUrl must be an http:// or https:// URL");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("ack.baseUrl", "https://cases.example.org/?x=1")))
                .hasMessageContaining("ack.baseUrl");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("ack.baseUrl", "http://bad host")))
                .hasMessageStartingWith("setting ack.baseUrl must be a URL");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("ack.ttl", "10s")))
                .hasMessageContaining("ack.ttl");
    }

    @Test
    void theSettingsAreDocumented() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (String line : CasesConfig.markdownTable().lines().filter(l -> l.contains("`ack.")).toList()) {
            assertThat(docs).contains(line);
        }
    }
}
