package io.anju.jobs;

import io.anju.common.cli.SettingsOptions;
import io.anju.jobs.config.JobsConfig;
import io.anju.jobs.config.JobsSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad settings stop ./anju jobs and the job jar before anything starts, naming the setting; --settings lists them. */
class JobsMainTest {

    @Test
    void influxCredentialsWithoutAnInfluxUrl_areRefused() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new JobsMain()).setErr(new PrintWriter(err));
        int exit = cli.execute("--registry", "registry.json", "--influx-credentials", "credentials.properties");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("influx.credentialsFile").contains("needs influx.url");
    }

    @Test
    void aDetectorThresholdOutOfBounds_isRefusedNamingIt() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new JobsMain()).setErr(new PrintWriter(err))
                .execute("--set", "detect.crowd.redDensity=50");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("detect.crowd.redDensity (ANJU_JOBS_DETECT_CROWD_RED_DENSITY)");
    }

    @Test
    void settings_printsTheTable() {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new JobsMain()).setOut(new PrintWriter(out)).execute("--settings");
        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo(JobsConfig.markdownTable());
    }

    @Test
    void theFlags_setTheSettingsTheyName() {
        CommandLine cli = new CommandLine(new JobsMain());
        cli.parseArgs("--registry", "r.json", "--kafka-port", "19092", "--quiet-after", "6",
                "--stop-confirm-within", "2m", "--stop-confirm-below-w", "12.5", "--auto-stop", "fire_risk,port_overload",
                "--auto-stop-compound", "cp-0042=none", "--auto-stop-compound", "cp-0043=port_overload");
        Map<String, String> overrides = new LinkedHashMap<>();
        SettingsOptions.putFlags(cli.getCommandSpec(), overrides);
        assertThat(overrides).containsExactlyInAnyOrderEntriesOf(Map.of("registry.file", "r.json",
                "kafka.port", "19092", "time.quietAfter", "6s", "autoStop.confirmWithin", "2m",
                "autoStop.confirmBelowW", "12.5", "autoStop.types", "fire_risk,port_overload",
                "autoStop.compounds", "cp-0042=none;cp-0043=port_overload"));
        assertThat(JobsConfig.load(Optional.empty(), Map.of(), overrides).settings().quietAfter())
                .isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void theJobJar_takesTheFlagsOfDeploymentAndAnySetting() {
        FlinkJobMain main = new FlinkJobMain();
        new CommandLine(main).parseArgs("--job", "alerts", "--bootstrap", "kafka-1:9092,kafka-2:9092",
                "--registry", "/shared/anju/registry.json", "--checkpoint-interval-ms", "30000",
                "--set", "detect.fireRisk.riseRate=3");
        JobsSettings s = main.settings();
        assertThat(s.kafka().bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(s.registry()).hasToString("/shared/anju/registry.json");
        assertThat(s.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.detectors().fireRisk().riseRate()).isEqualTo(3);
    }

    @Test
    void theJobJar_needsKafka_andHistoryNeedsInflux() {
        FlinkJobMain noKafka = new FlinkJobMain();
        new CommandLine(noKafka).parseArgs("--job", "alerts", "--registry", "r.json");
        assertThatThrownBy(noKafka::settings).hasMessageContaining("kafka.bootstrap (--bootstrap) is required");
        FlinkJobMain noInflux = new FlinkJobMain();
        new CommandLine(noInflux).parseArgs("--job", "history", "--bootstrap", "k:9092");
        assertThatThrownBy(noInflux::settings).hasMessageContaining("needs influx.url");
    }
}
