package io.anju.jobs.topology;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.json.Json;
import io.anju.common.model.LocationChain;
import io.anju.common.topic.Topics;
import io.anju.jobs.detect.crowd.ZoneStatus;
import io.anju.jobs.history.SeriesPoint;
import io.anju.jobs.history.SeriesPoints;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerting job's records as the history job reads them: the JSON it writes, back into the points it means. */
class JsonPointsTest {
    static final long TS = 1_764_378_000_000L;
    static final LocationChain ZONE = new LocationChain("sd-01", "cm-01", "gr-0001", null, "bym-z03");
    static final LocationChain COMPOUND = new LocationChain("sd-01", "cm-03", "gr-0042", "cp-0117", null);

    static <T> List<SeriesPoint> read(JsonPoints<T> schema, String topic, byte[]... values) throws Exception {
        schema.open(new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return null;
            }
        });
        List<SeriesPoint> out = new ArrayList<>();
        long offset = 0;
        for (byte[] value : values) {
            schema.deserialize(new ConsumerRecord<>(topic, 0, offset++, null, value), new ListCollector<>(out));
        }
        return out;
    }

    @Test
    void zoneFigures_asTheAlertingJobWritesThem_becomeCrowdZonePoints() throws Exception {
        ZoneStatus z = new ZoneStatus("bym-z03", "crd-0007", ZONE, TS, 2_100, 2.6, 1.3, Severity.YELLOW,
                Severity.YELLOW, Severity.ORANGE, 7.5, 12.0, 222.0, 174.0, false);

        List<SeriesPoint> points = read(new JsonPoints<>(ZoneStatus.class, s -> List.of(SeriesPoints.crowdZone(s))),
                Topics.ZONES, Json.toBytes(z));

        assertThat(points).containsExactly(SeriesPoints.crowdZone(z));
        assertThat(points.get(0).fields()).containsEntry("level", 2L).containsEntry("forecast_min", 7.5);
    }

    @Test
    void alert_becomesItsPointAndOnePointPerEvidence_andAnUnreadableRecordIsSkipped() throws Exception {
        String key = Alert.dedupKey(AlertType.PORT_OVERLOAD, "chg-0009-1#5");
        Alert a = new Alert(Alert.idFor(key, TS), key, AlertType.PORT_OVERLOAD, Severity.RED, AlertStatus.UPDATED, 2,
                SourceKind.PORT, "chg-0009-1#5", "chg-0009-1", 5, COMPOUND, TS, TS + 30_000, TS + 30_210,
                "port 5 at 1,132 W over its 1,000 W limit for 30 s", "stop_port",
                List.of(Evidence.portReading(TS + 30_000, "chg-0009-1", 5, "powerW", 1_132.0, "W")));

        List<SeriesPoint> points = read(new JsonPoints<>(Alert.class, SeriesPoints::alertWithEvidence), Topics.ALERTS,
                "{not json".getBytes(StandardCharsets.UTF_8), Json.toBytes(a));

        assertThat(points).containsExactlyElementsOf(SeriesPoints.alertWithEvidence(a));
        assertThat(points).extracting(SeriesPoint::measurement).containsExactly("alert", "alert_evidence");
    }
}
