package io.anju.jobs.config;

import io.anju.common.alert.AlertType;
import io.anju.common.config.Setting;
import io.anju.common.model.DeviceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobsConfigTest {

    @Test
    void theDefaults_areTheDocumentedOnes() {
        JobsConfig c = JobsConfig.of(Map.of());
        JobsSettings s = c.settings();
        assertThat(s.registry()).isEqualTo(Path.of("./data/registry.json"));
        assertThat(s.kafka()).as("the embedded broker").isNull();
        assertThat(c.kafkaPort()).isEqualTo(9092);
        assertThat(c.httpPort()).isEqualTo(9081);
        assertThat(c.metricsPort()).isEqualTo(9249);
        assertThat(s.influxUrl()).as("no history").isNull();
        assertThat(s.parallelism()).isEqualTo(2);
        assertThat(s.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.stateBackend()).isEqualTo("hashmap");
        assertThat(s.clockTolerance()).isEqualTo(JobsSettings.DEFAULT_CLOCK_TOLERANCE).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.quietAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.bufferTimeout()).isEqualTo(Duration.ofMillis(5));
        assertThat(s.commandTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.autoStop().defaultTypes()).containsExactly(AlertType.FIRE_RISK);
        assertThat(s.detectors().stopCap().perMinute()).isEqualTo(3);
        assertThat(s.detectors().offline().timeout(DeviceType.GATE)).isEqualTo(Duration.ofSeconds(270));
    }

    @Test
    void aBadValue_failsNamingTheSettingAndItsVariable() {
        assertThatThrownBy(() -> JobsConfig.of(Map.of("checkpoint.interval", "50ms")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting checkpoint.interval (ANJU_JOBS_CHECKPOINT_INTERVAL) = '50ms': must be between 100ms and 1h");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("time.quietAfter", "0s")))
                .hasMessageStartingWith("setting time.quietAfter (ANJU_JOBS_TIME_QUIET_AFTER) = '0s'");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("state.backend", "memory")))
                .hasMessageContaining("state.backend").hasMessageContaining("must be one of hashmap, rocksdb");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("influx.url", "localhost:8086")))
                .hasMessage("setting influx.url = 'localhost:8086': must be http(s)://host:port");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("kafka.groupPrefix", "anju jobs")))
                .hasMessageContaining("setting kafka.groupPrefix = 'anju jobs'");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("autoStop.types", "fire_risk,crowd_density")))
                .hasMessageContaining("autoStop.types").hasMessageContaining("crowd_density");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("autoStop.compounds", "cp-9")))
                .hasMessageContaining("setting autoStop.compounds = 'cp-9': must be compound=types");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("detect.gate.quiet", "1m")))
                .hasMessageContaining("unknown setting 'detect.gate.quiet'");
    }

    @Test
    void settingsThatNeedAnother_sayWhich() {
        assertThatThrownBy(() -> JobsConfig.of(Map.of("kafka.clientConfig", "client.properties")))
                .hasMessageContaining("setting kafka.clientConfig").hasMessageContaining("needs kafka.bootstrap");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("influx.credentialsFile", "credentials.properties")))
                .hasMessageContaining("setting influx.credentialsFile").hasMessageContaining("needs influx.url");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("metrics.token", "short")))
                .hasMessageContaining("metrics.token");
    }

    @Test
    void fileThenEnvironmentThenOverrides(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("jobs.properties"),
                "parallelism=4\ndetect.crowd.redDensity=6\nautoStop.cap=5\n");
        JobsConfig c = JobsConfig.load(Optional.of(file),
                Map.of("ANJU_JOBS_PARALLELISM", "6", "ANJU_JOBS_DETECT_GATE_DENIED_BURST", "7",
                        "ANJU_PARALLELISM", "1"),
                Map.of("autoStop.cap", "8", "autoStop.compounds", "cp-0042=fire_risk,port_overload;cp-0043=none"));
        JobsSettings s = c.settings();
        assertThat(s.parallelism()).isEqualTo(6);
        assertThat(s.detectors().crowd().redDensity()).isEqualTo(6);
        assertThat(s.detectors().gate().deniedBurst()).isEqualTo(7);
        assertThat(s.detectors().stopCap().perMinute()).isEqualTo(8);
        assertThat(s.autoStop().perCompound())
                .containsEntry("cp-0042", Set.of(AlertType.FIRE_RISK, AlertType.PORT_OVERLOAD))
                .containsEntry("cp-0043", Set.of());
    }

    @Test
    void everyThresholdOfTheDetectors_isASettingWithItsVariable() {
        List<String> keys = JobsConfig.SETTINGS.stream().map(Setting::key).toList();
        assertThat(keys).doesNotHaveDuplicates()
                .contains("detect.portOverload.redAfter", "detect.stationOverload.clearRatio",
                        "detect.illegalLoad.minPowerW", "detect.fireRisk.riseRate", "detect.ebikeElevator.confirmWindow",
                        "detect.crowd.forecastHorizon", "detect.offline.missedHeartbeats",
                        "detect.offline.heartbeat.charger", "detect.gate.deniedBurst", "autoStop.confirmWithin",
                        "autoStop.cap");
        assertThat(JobsConfig.markdownTable())
                .contains("| `detect.crowd.redDensity` | `ANJU_JOBS_DETECT_CROWD_RED_DENSITY` | `5.0` |")
                .contains("| `metrics.token` | `ANJU_JOBS_METRICS_TOKEN` |");
    }

    @Test
    void everyThresholdNamedInDocsDetectors_isADetectSetting() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "detectors.md"));
        String rules = docs.substring(docs.indexOf("## Chargers — power"), docs.indexOf("## Automatic stop of a port"));
        List<String> named = Pattern.compile("\\(`([a-z][A-Za-z]+)`").matcher(rules).results().map(m -> m.group(1))
                .distinct().toList();
        List<String> keys = JobsConfig.SETTINGS.stream().map(Setting::key).toList();
        assertThat(named).as("thresholds docs/detectors.md names as (`name`)").hasSizeGreaterThan(15);
        for (String name : named) {
            assertThat(keys).as("a detect.<detector>." + name + " setting")
                    .anyMatch(k -> k.startsWith("detect.") && k.endsWith("." + name));
        }
        // Full keys the page names (`detect.portOverload.redAfter`, `autoStop.cap`), not its sections (`detect.crowd`).
        Pattern.compile("`((?:detect|autoStop)\\.[A-Za-z.]+)`").matcher(docs).results().map(m -> m.group(1))
                .filter(k -> keys.stream().noneMatch(key -> key.startsWith(k + ".")))
                .forEach(k -> assertThat(keys).as("the setting docs/detectors.md names").contains(k));
    }

    @Test
    void docsConfiguration_streamJobsSection_isTheTable() throws Exception {
        List<String> docs = Files.readAllLines(Path.of("..", "docs", "configuration.md"));
        int section = docs.indexOf("## Stream jobs (`./anju jobs`)");
        assertThat(section).as("docs/configuration.md has a stream jobs section").isNotNegative();
        List<String> rows = docs.stream().skip(section + 1).takeWhile(l -> !l.startsWith("## "))
                .filter(l -> l.startsWith("|")).toList();
        assertThat(rows).as("regenerate the stream jobs table of docs/configuration.md with ./anju jobs --settings")
                .containsExactlyElementsOf(JobsConfig.markdownTable().lines().toList());
    }
}
