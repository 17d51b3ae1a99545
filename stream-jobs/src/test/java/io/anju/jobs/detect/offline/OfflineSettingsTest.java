package io.anju.jobs.detect.offline;

import io.anju.common.model.DeviceType;
import io.anju.jobs.config.JobsConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfflineSettingsTest {

    @Test
    void defaultsAreThreeHeartbeatsOfNinetySecondsForEveryType() {
        OfflineSettings s = OfflineSettings.defaults();
        for (DeviceType type : DeviceType.values()) {
            assertThat(s.heartbeat(type)).isEqualTo(Duration.ofSeconds(90));
            assertThat(s.timeout(type)).isEqualTo(Duration.ofSeconds(270));
        }
    }

    @Test
    void aTypeCanHaveItsOwnHeartbeat() {
        OfflineSettings s = OfflineSettings.defaults().withHeartbeat(DeviceType.CROWD, Duration.ofSeconds(10));
        assertThat(s.timeout(DeviceType.CROWD)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.timeout(DeviceType.GATE)).isEqualTo(Duration.ofSeconds(270));
    }

    @Test
    void rejectsBadValuesNamingTheSetting() {
        assertThatThrownBy(() -> JobsConfig.of(Map.of("detect.offline.missedHeartbeats", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setting detect.offline.missedHeartbeats (ANJU_JOBS_DETECT_OFFLINE_MISSED_HEARTBEATS) = '0'")
                .hasMessageContaining("must be between 1 and 100");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("detect.offline.heartbeat.crowd", "0s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setting detect.offline.heartbeat.crowd (ANJU_JOBS_DETECT_OFFLINE_HEARTBEAT_CROWD)");
        assertThat(JobsConfig.of(Map.of("detect.offline.heartbeat.crowd", "10s")).settings().detectors().offline()
                .timeout(DeviceType.CROWD)).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> new OfflineSettings(Map.of(DeviceType.GATE, Duration.ofSeconds(90)), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setting detect.offline.heartbeat.charger").hasMessageContaining("is missing");
    }

    @Test
    void theFormatterSaysDowntimeInWords() {
        assertThat(OfflineAlerts.human(45_000)).isEqualTo("45 s");
        assertThat(OfflineAlerts.human(270_000)).isEqualTo("4 min 30 s");
        assertThat(OfflineAlerts.human(720_000)).isEqualTo("12 min");
        assertThat(OfflineAlerts.human(3_900_000)).isEqualTo("1 h 5 min");
    }

    /** Kept in keyed state: a POJO serializer (not Kryo) keeps checkpoints compact and the schema evolvable. */
    @Test
    void theStateRecordIsAPojoForFlink() {
        assertThat(TypeInformation.of(Liveness.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
