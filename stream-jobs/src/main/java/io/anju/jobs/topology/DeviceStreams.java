package io.anju.jobs.topology;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.DeviceInputDeserializer;
import io.anju.jobs.time.ClockRule;
import io.anju.jobs.time.DeviceTimeWatermarks;
import io.anju.jobs.time.ProgressTime;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.ArrayList;
import java.util.List;

/**
 * The device traffic from Kafka, decoded, with event time: the common front of both jobs. Event time is each
 * reading's time under the {@link ClockRule}; partitions' watermarks move with the earlier of that and the gateway's
 * receive time, so no device clock can move them past the gateway's.
 */
public final class DeviceStreams {
    private DeviceStreams() {
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
     * The alerting job's topics: the devices', {@code anju.commands}, whose people's commands for a case
     * ({@link DeviceInput.Command}) the stop watch follows, and {@code anju.command-results}, whose gateways' reports
     * of delivered stops ({@link DeviceInput.Delivered}) it confirms stops by. They share the one source, so a
     * command or report reaches the device's detectors through the same shuffle, and their partitions are quiet
     * partitions like any rare events'.
     */
    public static List<String> inputTopicsWithCommands() {
        List<String> topics = inputTopics();
        topics.add(Topics.COMMANDS);
        topics.add(Topics.COMMAND_RESULTS);
        return topics;
    }

    /** The devices' traffic ({@link #inputTopics()}) for {@code job}. */
    public static DataStream<DeviceInput> fromKafka(StreamExecutionEnvironment env, JobsSettings s, KafkaConnection kafka,
                                                    String job) {
        return fromKafka(env, s, kafka, job, inputTopics());
    }

    /**
     * @param job a short name of the job ({@code alerts}, {@code history}); its consumer group is
     *            {@code <groupPrefix>-<job>}, so each job keeps its own position in the log
     */
    public static DataStream<DeviceInput> fromKafka(StreamExecutionEnvironment env, JobsSettings s, KafkaConnection kafka,
                                                    String job, List<String> topics) {
        KafkaSource<DeviceInput> source = KafkaSource.<DeviceInput>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                // Read here, on the client that builds the job: the settings travel inside the source.
                .setProperties(kafka.securityProperties())
                .setTopics(topics)
                .setGroupId(s.groupPrefix() + "-" + job)
                // A new job starts where its group left off, or at the beginning of the retained log.
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new DeviceInputDeserializer(new ClockRule(s.clockTolerance())))
                .setProperty("partition.discovery.interval.ms", "60000")
                .setProperty("commit.offsets.on.checkpoint", "true")
                // A fetch returns as soon as one record is there: latency over batching on the warning path.
                .setProperty("fetch.min.bytes", "1")
                .setProperty("fetch.max.wait.ms", "100")
                .build();
        return env.fromSource(source, watermarks(s), "device-envelopes").uid(job + "-device-envelopes");
    }

    /**
     * Event time and watermarks of the decoded device inputs: a reading moves its partition's event time to the
     * earlier of its event time and its receive time; one whose device clock was off moves nothing, and neither does a
     * person's command (its time is the case service's clock, not the devices') or a gateway's delivery report (not a
     * reading).
     */
    public static WatermarkStrategy<DeviceInput> watermarks(JobsSettings s) {
        return new DeviceTimeWatermarks<>(s.outOfOrderness(), s.quietAfter(), in -> in.seen().ts(),
                (in, ts) -> in.seen().clockCorrected() || in instanceof DeviceInput.Command
                        || in instanceof DeviceInput.Delivered ? ProgressTime.NONE
                        : in.seen().receivedAt() > 0 ? Math.min(ts, in.seen().receivedAt()) : ts);
    }
}
