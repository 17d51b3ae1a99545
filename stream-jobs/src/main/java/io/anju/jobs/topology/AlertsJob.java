package io.anju.jobs.topology;

import io.anju.common.alert.Alert;
import io.anju.common.command.DeviceCommand;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import io.anju.jobs.command.StopEvent;
import io.anju.jobs.command.StopOutcome;
import io.anju.jobs.command.cap.StopCap;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.detect.DeviceDetectors;
import io.anju.jobs.detect.crowd.CrowdDensityDetector;
import io.anju.jobs.detect.crowd.ZoneStatus;
import io.anju.jobs.detect.fire.CompoundFireDetector;
import io.anju.jobs.detect.fire.Escalation;
import io.anju.jobs.detect.fire.FireSignal;
import io.anju.jobs.detect.fire.FireSignals;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.registry.Enrichment;
import io.anju.jobs.registry.RegistrySource;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.Properties;

/**
 * The alerting job, built for latency: decode and registry attributes chained to the Kafka source, then one shuffle
 * by device into {@link DeviceDetectors}, which holds every per-device rule. Only the rare signals go elsewhere:
 * camera detections to the compound's fire stage (CEP confirmation, building advisories, whose escalations come back
 * to the device detectors as a broadcast), crowd readings to the zone-keyed crowd detector, and what the device
 * detectors say about automatic stops to the compound-keyed cap on mass cut-offs, which sends the commands. Each
 * detecting operator writes to a sink chained to it.
 * <p>
 * Alerts, automatic {@code stop_port} commands and zone figures are written at least once, as soon as they are
 * emitted (no transaction waits for a checkpoint): after a restart from a checkpoint the revisions emitted since are
 * written again, with the same alert id and revision and the same command id, and every reader applies each
 * {@code (id, revision)} once (docs/kafka-topics.md). It writes nothing else, so a slow InfluxDB (the history job)
 * can never hold it back.
 */
public final class AlertsJob {
    public static final String NAME = "anju-alerts";

    private AlertsJob() {
    }

    /** Where the alerting job's records go. */
    public record Sinks(Sink<Alert> alerts, Sink<DeviceCommand> commands, Sink<StopOutcome> stopOutcomes,
                        Sink<ZoneStatus> zones) {
    }

    /** The job on Kafka: the gateway's topics in, {@code anju.alerts}, {@code anju.commands}, {@code anju.command-results} (stop
     * confirmations) and {@code anju.zones} out. */
    public static void build(StreamExecutionEnvironment env, JobsSettings s, KafkaConnection kafka) {
        build(DeviceStreams.fromKafka(env, s, kafka, "alerts", DeviceStreams.inputTopicsWithCommands()), s,
                RegistrySource.of(s.registry(), s.registryPoll(), kafka), kafkaSinks(kafka));
    }

    /**
     * The job's graph on any stream of decoded device inputs with event time, into any sinks, with the registry of
     * {@code registry}.
     */
    public static void build(DataStream<DeviceInput> envelopes, JobsSettings s, RegistrySource registry, Sinks sinks) {
        DetectorSettings d = s.detectors();
        SingleOutputStreamOperator<DeviceInput> inputs = envelopes
                .process(new Enrichment(registry))
                .uid("alerts-enrichment").name("registry attributes");

        SingleOutputStreamOperator<Alert> compound = FireSignals.ofCameras(inputs.getSideOutput(Enrichment.CAMERA),
                        d.elevator())
                .keyBy(FireSignal::compoundId)
                .process(new CompoundFireDetector(d.fireRisk(), d.elevator()))
                .uid("detect-compound-fire").name("compound fire signs");
        BroadcastStream<Escalation> escalations = compound.getSideOutput(CompoundFireDetector.ESCALATIONS)
                .broadcast(DeviceDetectors.ESCALATIONS);

        SingleOutputStreamOperator<Alert> devices = inputs
                .keyBy(in -> in.seen().deviceId(), Types.STRING)
                .connect(escalations)
                .process(new DeviceDetectors(d, s.autoStop(), s.commandTtl(), registry))
                .uid("detect-devices").name("device detectors");

        SingleOutputStreamOperator<Alert> crowd = inputs.getSideOutput(Enrichment.CROWD)
                .keyBy(CrowdDensityDetector.keySelector())
                .process(new CrowdDensityDetector(d.crowd()))
                .uid("detect-crowd").name("crowd density");

        devices.sinkTo(sinks.alerts()).uid("alerts-of-devices").name("alerts of devices");
        compound.sinkTo(sinks.alerts()).uid("alerts-of-compounds").name("alerts of compounds");
        crowd.sinkTo(sinks.alerts()).uid("alerts-of-zones").name("alerts of zones");
        SingleOutputStreamOperator<Alert> cap = devices.getSideOutput(DeviceDetectors.STOPS)
                .keyBy(StopEvent::compoundId, Types.STRING)
                .process(new StopCap(d.stopCap()))
                .uid("stop-cap").name("cap on mass cut-offs");
        cap.sinkTo(sinks.alerts()).uid("alerts-of-stop-cap").name("alerts of the stop cap");
        cap.getSideOutput(StopCap.COMMANDS).sinkTo(sinks.commands())
                .uid("stop-port-commands").name("automatic stop_port");
        cap.getSideOutput(StopCap.OUTCOMES).sinkTo(sinks.stopOutcomes())
                .uid("stop-port-outcomes").name("stop_port confirmations");
        crowd.getSideOutput(CrowdDensityDetector.ZONE_STATUS).sinkTo(sinks.zones())
                .uid("zone-figures").name("zone figures");
    }

    static Sinks kafkaSinks(KafkaConnection kafka) {
        return new Sinks(kafka(kafka, JsonRecords.alerts(Topics.ALERTS)),
                kafka(kafka, JsonRecords.commands(Topics.COMMANDS)),
                kafka(kafka, JsonRecords.stopOutcomes(Topics.COMMAND_RESULTS)),
                kafka(kafka, JsonRecords.zones(Topics.ZONES)));
    }

    private static <T> KafkaSink<T> kafka(KafkaConnection kafka, KafkaRecordSerializationSchema<T> records) {
        // The security settings travel inside the sink, read on the client that builds the job.
        Properties p = kafka.securityProperties();
        // Each record goes out at once: a warning must not wait for a batch to fill.
        p.setProperty("linger.ms", "0");
        return KafkaSink.<T>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(records)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setKafkaProducerConfig(p)
                .build();
    }
}
