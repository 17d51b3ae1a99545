package io.anju.jobs.topology;

import io.anju.common.alert.Alert;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.detect.crowd.ZoneStatus;
import io.anju.jobs.history.ChargerHistory;
import io.anju.jobs.history.GateMinuteCounts;
import io.anju.jobs.history.InfluxSettings;
import io.anju.jobs.history.InfluxSink;
import io.anju.jobs.history.SeriesPoint;
import io.anju.jobs.history.SeriesPoints;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.GateEvent;
import io.anju.jobs.registry.Enrichment;
import io.anju.jobs.registry.RegistrySource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.List;

/**
 * The history job: device streams, the alerting job's zone figures and alerts → InfluxDB (docs/data-model.md). A
 * separate Flink job from alerting, so InfluxDB being slow or down back-pressures and restarts only this one: its
 * sinks flush at every checkpoint and fail after their retries, the job restarts from its last checkpoint and Kafka
 * replays what was not yet stored (points are idempotent in InfluxDB).
 * <p>
 * Charger telemetry, nearly all of the traffic, goes by station to {@link ChargerHistory} and on to a sink chained to
 * it, so its points are never serialised between operators. Gate minutes, zone figures and alerts (a few points a
 * second) share a second sink. The chargers' sink's {@code historyLagMs} is how far history is behind the devices.
 */
public final class HistoryJob {
    public static final String NAME = "anju-history";

    private HistoryJob() {
    }

    /** The job on Kafka: the gateway's topics, {@code anju.zones} and {@code anju.alerts} in, InfluxDB out. */
    public static void build(StreamExecutionEnvironment env, JobsSettings s, KafkaConnection kafka) {
        InfluxSettings influx = s.influx();
        DataStream<SeriesPoint> zones = env.fromSource(
                        points(s, kafka, Topics.ZONES, "history-zones",
                                new JsonPoints<>(ZoneStatus.class, z -> List.of(SeriesPoints.crowdZone(z)))),
                        WatermarkStrategy.noWatermarks(), "zone figures").uid("history-zones-source");
        DataStream<SeriesPoint> alerts = env.fromSource(
                        points(s, kafka, Topics.ALERTS, "history-alerts",
                                new JsonPoints<>(Alert.class, SeriesPoints::alertWithEvidence)),
                        WatermarkStrategy.noWatermarks(), "alerts").uid("history-alerts-source");
        DataStream<DeviceInput> devices = DeviceStreams.fromKafka(env, s, kafka, "history")
                // The stations' limits from the registry: charger_station carries them for the charts' limit lines.
                .process(new Enrichment(RegistrySource.of(s.registry(), s.registryPoll(), kafka)))
                .uid("history-enrichment").name("registry attributes");
        build(devices, zones, alerts, new InfluxSink(influx));
    }

    /**
     * The job's graph on any decoded device inputs with event time (charger telemetry with the stations' limits) and
     * any points of zones and alerts, into any sink.
     */
    public static void build(DataStream<DeviceInput> devices, DataStream<SeriesPoint> zones,
                             DataStream<SeriesPoint> alerts, Sink<SeriesPoint> sink) {
        devices.filter(in -> in instanceof DeviceInput.Charger).name("charger telemetry")
                .keyBy(in -> in.seen().deviceId(), Types.STRING)
                .process(new ChargerHistory()).uid("history-chargers").name("charger history")
                .sinkTo(sink).uid("influx-sink-chargers").name("InfluxDB: chargers");

        DataStream<GateEvent> gateEvents = devices
                .flatMap((DeviceInput in, Collector<GateEvent> out) -> {
                    if (in instanceof DeviceInput.Gate g) {
                        out.collect(g.event());
                    }
                })
                .returns(TypeInformation.of(GateEvent.class)).name("gate events");
        GateMinuteCounts.perMinute(gateEvents.keyBy(GateEvent::deviceId, Types.STRING))
                .union(zones, alerts)
                .sinkTo(sink).uid("influx-sink").name("InfluxDB: gates, zones, alerts");
    }

    private static KafkaSource<SeriesPoint> points(JobsSettings s, KafkaConnection kafka, String topic, String group,
                                                   JsonPoints<?> records) {
        return KafkaSource.<SeriesPoint>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setProperties(kafka.securityProperties())
                .setTopics(topic)
                .setGroupId(s.groupPrefix() + "-" + group)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(records)
                .build();
    }
}
