package io.anju.cases.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CasesConfigTest {

    @Test
    void defaultsMatchTheDocumentedOnes() {
        CasesConfig c = CasesConfig.of(Map.of());
        assertThat(c.httpPort()).isEqualTo(8081);
        assertThat(c.dbUrl()).isEmpty();
        assertThat(c.embeddedDbDir()).isEqualTo(Path.of("./data", "cases", "postgres"));
        assertThat(c.supervisionEscalateAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.supervisionAckRemindEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.supervisionAckEscalateAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.authKeyFile()).isEqualTo(Path.of("./data", "cases", "jwt.key"));
        assertThat(c.intakeConcurrency()).isEqualTo(8);
        assertThat(c.dbPoolSize()).isEqualTo(16);
        assertThat(c.twinPublishInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aDeadlineScale_shortensTheSupervisionSpans_andIsCheckedAtStart() {
        CasesConfig c = CasesConfig.of(Map.of("deadlines.scale", "10"));
        assertThat(c.deadlineScale()).isEqualTo(10);
        assertThat(c.supervisionAckEscalateAfter()).isEqualTo(Duration.ofSeconds(12));
        assertThat(c.supervisionRemindEvery()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.supervisionInterval()).as("how often it looks is not a deadline").isEqualTo(Duration.ofSeconds(10));
        assertThat(CasesConfig.of(Map.of()).deadlineScale()).isEqualTo(1);
        assertThatThrownBy(() -> CasesConfig.of(Map.of("deadlines.scale", "0.5"))).hasMessageContaining("deadlines.scale");
    }

    @Test
    void environmentUsesTheServicePrefixAndFlagsWin() {
        CasesConfig c = CasesConfig.load(Optional.empty(),
                Map.of("ANJU_CASES_HTTP_PORT", "9001", "ANJU_HTTP_PORT", "1", "ANJU_CASES_SUPERVISION_REMIND_EVERY", "5m"),
                Map.of());
        assertThat(c.httpPort()).isEqualTo(9001);
        assertThat(c.supervisionRemindEvery()).isEqualTo(Duration.ofMinutes(5));
        assertThat(CasesConfig.load(Optional.empty(), Map.of("ANJU_CASES_HTTP_PORT", "9001"), Map.of("http.port", "9002"))
                .httpPort()).isEqualTo(9002);
    }

    @Test
    void signInLimitsAndTheListenerHaveSafeDefaultsAndBadValuesNameTheSetting() {
        CasesConfig c = CasesConfig.of(Map.of());
        assertThat(c.api().loginMaxFailures()).isEqualTo(5);
        assertThat(c.api().loginSourceMaxFailures()).isEqualTo(50);
        assertThat(c.api().loginPerSecond()).isEqualTo(10);
        assertThat(c.api().trustedProxies()).containsExactlyInAnyOrder("127.0.0.1", "::1");
        assertThat(c.listener().tls()).isEmpty();
        assertThat(c.listener().maxConnections()).isEqualTo(2_000);
        assertThatThrownBy(() -> CasesConfig.of(Map.of("login.trustedProxies", "dashboards.internal")))
                .hasMessageContaining("login.trustedProxies");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("login.maxPerSecond", "0")))
                .hasMessageContaining("login.maxPerSecond");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("http.tls.keyFile", "/etc/hostname")))
                .hasMessageContaining("http.tls.certFile");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("metrics.token", "short")))
                .hasMessageContaining("metrics.token");
    }

    @Test
    void badValuesFailNamingTheSettingAndItsVariable() {
        assertThatThrownBy(() -> CasesConfig.of(Map.of("http.port", "70000")))
                .hasMessageContaining("http.port").hasMessageContaining("ANJU_CASES_HTTP_PORT");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("db.url", "postgres://x")))
                .hasMessageContaining("db.url");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("notify.webhook.url", "http://127.0.0.1:9/hook")))
                .hasMessageContaining("notify.webhook.secret");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("webhook.initialBackoff", "10m", "webhook.maxBackoff", "1m")))
                .hasMessageContaining("webhook.maxBackoff");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("supervision.ackEscalateAfter", "0s")))
                .hasMessageContaining("supervision.ackEscalateAfter");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("intake.concurrency", "65")))
                .hasMessageContaining("intake.concurrency").hasMessageContaining("ANJU_CASES_INTAKE_CONCURRENCY");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("intake.concurrency", "16", "db.poolSize", "16")))
                .hasMessageContaining("setting intake.concurrency (16) must be below db.poolSize (16)");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("twin.publishInterval", "10ms")))
                .hasMessageContaining("twin.publishInterval");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("no.such", "1")))
                .hasMessageContaining("unknown setting 'no.such'");
    }

    @Test
    void pushChannelsAreOffByDefaultAndTheirBadSettingsFailNamingTheSetting() {
        CasesConfig c = CasesConfig.of(Map.of());
        assertThat(c.wecom().enabled()).isFalse();
        assertThat(c.dingtalk().enabled()).isFalse();
        assertThat(c.sms().enabled()).isFalse();
        assertThat(c.sms().minSeverity()).isEqualTo(io.anju.common.alert.Severity.ORANGE);

        assertThatThrownBy(() -> CasesConfig.of(Map.of("notify.wecom.url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send")))
                .hasMessage("setting notify.wecom.url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send': must carry "
                        + "the robot's key=… query parameter");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("notify.wecom.url", "qyapi.weixin.qq.com?key=k")))
                .hasMessageContaining("setting notify.wecom.url = 'qyapi.weixin.qq.com?key=k': must be an http(s) URL");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("notify.dingtalk.url",
                "https://oapi.dingtalk.com/robot/send?access_token=t")))
                .hasMessage("setting notify.dingtalk.secret = '0 characters': must have at least 1 characters when "
                        + "notify.dingtalk.url is set");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("notify.sms.url", "http://127.0.0.1:9/sms",
                "notify.sms.secret", "sixteen-characters")))
                .hasMessageStartingWith("setting notify.sms.fallbackPhones = '': needs at least one mobile number");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("notify.sms.url", "http://127.0.0.1:9/sms",
                "notify.sms.secret", "sixteen-characters", "notify.sms.fallbackPhones", "13800000001, call-li")))
                .hasMessageStartingWith("setting notify.sms.fallbackPhones = 'call-li': is not a phone number");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("notify.dingtalk.minSeverity", "purple")))
                .hasMessageStartingWith("setting notify.dingtalk.minSeverity: unknown severity 'purple'");

        CasesConfig on = CasesConfig.of(Map.of("notify.sms.url", "https://sms.example.cn/v1/notify",
                "notify.sms.secret", "sixteen-characters", "notify.sms.fallbackPhones", "13800000001, +8613900000002"));
        assertThat(on.sms().enabled()).isTrue();
        assertThat(on.smsFallbackPhones()).containsExactly("13800000001", "+8613900000002");
    }

    @Test
    void commandSettingsHaveTheirDefaults_andBadOnesFailNamingTheSetting() {
        CasesConfig defaults = CasesConfig.of(Map.of());
        assertThat(defaults.commands().ttl()).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(defaults.commands().readingMaxAge()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(defaults.commands().influxUrl()).as("no InfluxDB unless configured").isNull();
        assertThat(defaults.commands().influxDatabase()).isEqualTo("anju");
        assertThat(defaults.commands().influxTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(defaults.commands().influxCredentials()).as("no InfluxDB credentials unless configured").isNull();
        assertThatThrownBy(() -> CasesConfig.of(Map.of("commands.influx.credentialsFile", "/no/such/credentials")))
                .hasMessageContaining("commands.influx.credentialsFile").hasMessageContaining("/no/such/credentials");

        assertThatThrownBy(() -> CasesConfig.of(Map.of("commands.influx.url", "influx:8086")))
                .hasMessageContaining("commands.influx.url");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("commands.influx.database", "anju; drop")))
                .hasMessageContaining("commands.influx.database");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("commands.readingMaxAge", "1s")))
                .hasMessageContaining("commands.readingMaxAge");
        assertThatThrownBy(() -> CasesConfig.of(Map.of("commands.ttl", "0s")))
                .hasMessageContaining("commands.ttl");
        assertThat(CasesConfig.of(Map.of("commands.influx.url", "http://127.0.0.1:8086")).commands().influxUrl())
                .isEqualTo("http://127.0.0.1:8086");
    }

    @Test
    void theSettingsTableDocumentsEveryKeyWithItsVariable() {
        assertThat(CasesConfig.markdownTable()).contains("| `http.port` | `ANJU_CASES_HTTP_PORT` | `8081` |");
        assertThat(CasesConfig.exampleProperties()).contains("#supervision.escalateAfter=30m");
    }
}
