package io.anju.jobs.detect.offline;

import io.anju.common.model.DeviceType;
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
        assertThatThrownBy(() -> OfflineSettings.defaults().withMissedHeartbeats(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setting detect.offline.missedHeartbeats = '0'").hasMessageContaining("must be at least 1");
        assertThatThrownBy(() -> OfflineSettings.defaults().withHeartbeat(DeviceType.CROWD, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setting detect.offline.heartbeat.crowd").hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new OfflineSettings(Map.of(DeviceType.GATE, Duration.ofSeconds(90)), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setting detect.offline.heartbeat.charger").hasMessageContaining("is missing");
        assertThatThrownBy(() -> new OfflineSettings(null, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detect.offline.heartbeats");
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
