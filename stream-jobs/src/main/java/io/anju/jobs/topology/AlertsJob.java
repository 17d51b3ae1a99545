package io.anju.jobs.topology;

import io.anju.common.alert.Alert;
import io.anju.common.topic.Topics;
import io.anju.jobs.JobsSettings;
import io.anju.jobs.command.AutoStop;
import io.anju.jobs.command.StopPortCommand;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.List;
import java.util.Properties;

/**
 * The alerting job: device streams → detectors → {@code anju.alerts}, and automatic {@code stop_port} commands →
 * {@code anju.commands}, both in Kafka transactions committed with each checkpoint (exactly once across restarts).
 * It writes nothing else, so a slow InfluxDB (the history job) can never hold it back.
 */
public final class AlertsJob {
    public static final String NAME = "anju-alerts";

    private AlertsJob() {
    }

    public static void build(StreamExecutionEnvironment env, JobsSettings s, String bootstrap) {
        DeviceStreams devices = DeviceStreams.from(env, s, bootstrap, "alerts");
        List<DataStream<Alert>> detected = Detectors.all(devices, s.detectors());
        DataStream<Alert> alerts = detected.get(0);
        for (int i = 1; i < detected.size(); i++) {
            alerts = alerts.union(detected.get(i));
        }
        alerts.sinkTo(KafkaSink.<Alert>builder()
                        .setBootstrapServers(bootstrap)
                        .setRecordSerializer(JsonRecords.alerts(Topics.ALERTS))
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix(s.groupPrefix() + "-alerts")
                        .setKafkaProducerConfig(transactional())
                        .build())
                .uid("alerts-sink").name("anju.alerts");
        DataStream<StopPortCommand> commands = alerts.keyBy(Alert::id)
                .process(new AutoStop(s.autoStop(), s.commandTtl())).uid("auto-stop").name("automatic stop_port");
        commands.sinkTo(KafkaSink.<StopPortCommand>builder()
                        .setBootstrapServers(bootstrap)
                        .setRecordSerializer(JsonRecords.commands(Topics.COMMANDS))
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix(s.groupPrefix() + "-commands")
                        .setKafkaProducerConfig(transactional())
                        .build())
                .uid("commands-sink").name("anju.commands");
    }

    private static Properties transactional() {
        Properties p = new Properties();
        // Longer than any checkpoint plus restart, shorter than the broker's 15 min maximum.
        p.setProperty("transaction.timeout.ms", String.valueOf(10 * 60_000));
        p.setProperty("linger.ms", "0");
        return p;
    }
}
