package io.anju.jobs.topology;

import io.anju.common.alert.Alert;
import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import io.anju.jobs.JobsSettings;
import io.anju.jobs.detect.crowd.CrowdDensityDetector;
import io.anju.jobs.history.GateMinuteCounts;
import io.anju.jobs.history.InfluxSettings;
import io.anju.jobs.history.InfluxSink;
import io.anju.jobs.history.SeriesPoint;
import io.anju.jobs.history.SeriesPoints;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.GateEvent;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The history job: device streams and alerts → InfluxDB. Per-port and per-station charger readings, each zone's
 * occupancy, density and forecast (the crowd detector's figures, every 10 s), gate counts per minute, and every
 * alert revision as an event. A separate Flink job from alerting, so InfluxDB being slow or down back-pressures
 * and restarts only this one: its sink flushes at every checkpoint and fails after its retries, the job restarts
 * from its last checkpoint and Kafka replays what was not yet stored (points are idempotent in InfluxDB).
 */
public final class HistoryJob {
    public static final String NAME = "anju-history";

    private HistoryJob() {
    }

    public static void build(StreamExecutionEnvironment env, JobsSettings s, String bootstrap) {
        InfluxSettings influx = InfluxSettings.defaults().withUrl(s.influxUrl()).withDatabase(s.influxDatabase());
        DeviceStreams devices = DeviceStreams.from(env, s, bootstrap, "history");
        TypeInformation<SeriesPoint> point = TypeInformation.of(SeriesPoint.class);

        DataStream<SeriesPoint> chargers = devices.chargerTelemetry()
                .flatMap((ChargerTelemetry t, Collector<SeriesPoint> out) -> SeriesPoints.charger(t).forEach(out::collect))
                .returns(point).name("charger points");
        DataStream<SeriesPoint> zones = devices.crowd().keyBy(CrowdDensityDetector.keySelector())
                .process(new CrowdDensityDetector(s.detectors().crowd())).uid("history-crowd").name("zone figures")
                .getSideOutput(CrowdDensityDetector.ZONE_STATUS)
                .map(SeriesPoints::crowdZone).returns(point).name("zone points");
        DataStream<SeriesPoint> gates = GateMinuteCounts.perMinute(devices.gateEvents().keyBy(GateEvent::deviceId));
        DataStream<SeriesPoint> alerts = env.fromSource(KafkaSource.<Alert>builder()
                                .setBootstrapServers(bootstrap)
                                .setTopics(Topics.ALERTS)
                                .setGroupId(s.groupPrefix() + "-history-alerts")
                                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                                .setProperty("isolation.level", "read_committed")
                                .setValueOnlyDeserializer(new AlertJson())
                                .build(),
                        WatermarkStrategy.noWatermarks(), "alerts").uid("history-alerts-source")
                .map(SeriesPoints::alert).returns(point).name("alert points");

        chargers.union(zones, gates, alerts)
                .sinkTo(new InfluxSink(influx)).uid("influx-sink").name("InfluxDB " + influx.database());
    }

    /** Alerts as the alerting job wrote them (committed transactions only). */
    private static final class AlertJson extends AbstractDeserializationSchema<Alert> {
        @Override
        public Alert deserialize(byte[] message) {
            return Json.fromBytes(message, Alert.class);
        }
    }
}
