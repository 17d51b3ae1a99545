package io.anju.jobs.topology;

import io.anju.common.alert.Alert;
import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import io.anju.jobs.JobsSettings;
import io.anju.jobs.detect.crowd.ZoneStatus;
import io.anju.jobs.history.GateMinuteCounts;
import io.anju.jobs.history.InfluxSettings;
import io.anju.jobs.history.InfluxSink;
import io.anju.jobs.history.SeriesPoint;
import io.anju.jobs.history.SeriesPoints;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.GateEvent;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The history job: device streams, the alerting job's zone figures and alerts → InfluxDB. A separate Flink job from
 * alerting, so InfluxDB being slow or down back-pressures and restarts only this one: its sink flushes at every
 * checkpoint and fails after its retries, the job restarts from its last checkpoint and Kafka replays what was not
 * yet stored (points are idempotent in InfluxDB).
 */
public final class HistoryJob {
    public static final String NAME = "anju-history";

    private HistoryJob() {
    }

    public static void build(StreamExecutionEnvironment env, JobsSettings s, String bootstrap) {
        InfluxSettings influx = InfluxSettings.defaults().withUrl(s.influxUrl()).withDatabase(s.influxDatabase());
        DataStream<DeviceInput> devices = DeviceStreams.fromKafka(env, s, bootstrap, "history");
        TypeInformation<SeriesPoint> point = TypeInformation.of(SeriesPoint.class);

        DataStream<SeriesPoint> chargers = devices
                .flatMap((DeviceInput in, Collector<SeriesPoint> out) -> {
                    if (in instanceof DeviceInput.Charger c) {
                        SeriesPoints.charger(c.telemetry()).forEach(out::collect);
                    }
                })
                .returns(point).name("charger points");
        DataStream<GateEvent> gateEvents = devices
                .flatMap((DeviceInput in, Collector<GateEvent> out) -> {
                    if (in instanceof DeviceInput.Gate g) {
                        out.collect(g.event());
                    }
                })
                .returns(TypeInformation.of(GateEvent.class)).name("gate events");
        DataStream<SeriesPoint> gates = GateMinuteCounts.perMinute(gateEvents.keyBy(GateEvent::deviceId, Types.STRING));
        DataStream<SeriesPoint> zones = env.fromSource(json(s, bootstrap, Topics.ZONES, "history-zones", ZoneStatus.class),
                        WatermarkStrategy.noWatermarks(), "zone figures").uid("history-zones-source")
                .map(SeriesPoints::crowdZone).returns(point).name("zone points");
        DataStream<SeriesPoint> alerts = env.fromSource(json(s, bootstrap, Topics.ALERTS, "history-alerts", Alert.class),
                        WatermarkStrategy.noWatermarks(), "alerts").uid("history-alerts-source")
                .map(SeriesPoints::alert).returns(point).name("alert points");

        chargers.union(zones, gates, alerts)
                .sinkTo(new InfluxSink(influx)).uid("influx-sink").name("InfluxDB " + influx.database());
    }

    private static <T> KafkaSource<T> json(JobsSettings s, String bootstrap, String topic, String group, Class<T> type) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(s.groupPrefix() + "-" + group)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new JsonOf<>(type))
                .build();
    }

    /** Records of the alerting job, as it wrote them. */
    private static final class JsonOf<T> extends AbstractDeserializationSchema<T> {
        private final Class<T> type;

        JsonOf(Class<T> type) {
            super(type);
            this.type = type;
        }

        @Override
        public T deserialize(byte[] message) {
            return Json.fromBytes(message, type);
        }
    }
}
