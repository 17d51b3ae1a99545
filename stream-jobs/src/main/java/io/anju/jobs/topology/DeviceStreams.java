package io.anju.jobs.topology;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.Topics;
import io.anju.jobs.JobsSettings;
import io.anju.jobs.input.CameraDetection;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.CrowdReading;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.DeviceInputDeserializer;
import io.anju.jobs.input.DeviceSeen;
import io.anju.jobs.input.GateEvent;
import io.anju.jobs.registry.Enrichment;
import io.anju.jobs.registry.RegistryPoller;
import io.anju.jobs.registry.RegistryView;
import io.anju.jobs.time.DeviceTimeWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.ArrayList;
import java.util.List;

/**
 * The device traffic as typed, registry-enriched streams with event time: the common front of both jobs.
 * Kafka envelopes → decode → event time (device ts) → enrichment with the broadcast registry → one stream per kind.
 */
public final class DeviceStreams {
    private final SingleOutputStreamOperator<DeviceSeen> seen;

    private DeviceStreams(SingleOutputStreamOperator<DeviceSeen> seen) {
        this.seen = seen;
    }

    /** Topics the jobs read: telemetry of every type, events and status. */
    public static List<String> inputTopics() {
        List<String> topics = new ArrayList<>();
        for (DeviceType t : DeviceType.values()) {
            topics.add(Topics.telemetry(t));
        }
        topics.add(Topics.EVENTS);
        topics.add(Topics.STATUS);
        return topics;
    }

    /**
     * @param job a short name of the job ({@code alerts}, {@code history}); its consumer group is
     *            {@code <groupPrefix>-<job>}, so each job keeps its own position in the log
     */
    public static DeviceStreams from(StreamExecutionEnvironment env, JobsSettings s, String bootstrap, String job) {
        KafkaSource<DeviceInput> source = KafkaSource.<DeviceInput>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(inputTopics())
                .setGroupId(s.groupPrefix() + "-" + job)
                // A new job starts where its group left off, or at the beginning of the retained log.
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new DeviceInputDeserializer())
                .setProperty("partition.discovery.interval.ms", "60000")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
        WatermarkStrategy<DeviceInput> eventTime = new DeviceTimeWatermarks<>(s.outOfOrderness(), s.quietAfter(),
                in -> in.seen().ts());
        DataStream<DeviceInput> inputs = env.fromSource(source, eventTime, "device-envelopes")
                .uid(job + "-device-envelopes");

        DataGeneratorSource<RegistryView> registrySource = new DataGeneratorSource<>(
                new RegistryPoller(s.registry()), Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(1000.0 / s.registryPoll().toMillis()),
                TypeInformation.of(RegistryView.class));
        BroadcastStream<RegistryView> registry = env.fromSource(registrySource,
                        WatermarkStrategy.<RegistryView>forGenerator(ctx -> new AlwaysIdle<>()), "registry")
                .uid(job + "-registry").setParallelism(1)
                .broadcast(Enrichment.REGISTRY);

        SingleOutputStreamOperator<DeviceSeen> seen = inputs.connect(registry)
                .process(new Enrichment(s.registry())).uid(job + "-enrichment").name("enrich with registry");
        return new DeviceStreams(seen);
    }

    public DataStream<DeviceSeen> seen() {
        return seen;
    }

    public DataStream<ChargerTelemetry> chargerTelemetry() {
        return seen.getSideOutput(Enrichment.CHARGER);
    }

    public DataStream<ChargerEvent> chargerEvents() {
        return seen.getSideOutput(Enrichment.CHARGER_EVENTS);
    }

    public DataStream<GateEvent> gateEvents() {
        return seen.getSideOutput(Enrichment.GATE_EVENTS);
    }

    public DataStream<CrowdReading> crowd() {
        return seen.getSideOutput(Enrichment.CROWD);
    }

    public DataStream<CameraDetection> cameras() {
        return seen.getSideOutput(Enrichment.CAMERA);
    }
}
