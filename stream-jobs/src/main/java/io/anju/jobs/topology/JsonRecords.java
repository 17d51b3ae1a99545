package io.anju.jobs.topology;

import io.anju.common.alert.Alert;
import io.anju.common.command.DeviceCommand;
import io.anju.common.json.Json;
import io.anju.jobs.command.StopOutcome;
import io.anju.jobs.detect.crowd.ZoneStatus;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * The Kafka records the alerting job writes: JSON values, keyed so one alert (one device, one zone) stays in order.
 * Their Kafka timestamp is left to the producer (its wall clock when it sends): the times that matter are in the
 * values. A device or simulated time would be refused by the broker when more than
 * {@code log.message.timestamp.after.max.ms} (one hour by default since Kafka 4.0) ahead of its clock — the demo's
 * evening runs hours ahead of the real one — and would skew time-based retention.
 */
final class JsonRecords {
    private JsonRecords() {
    }

    /** Alerts keyed by dedup key: every revision of one alert lands in one partition, in order. */
    static KafkaRecordSerializationSchema<Alert> alerts(String topic) {
        return (alert, context, timestamp) -> new ProducerRecord<>(topic, null, null,
                alert.dedupKey().getBytes(StandardCharsets.UTF_8), Json.toBytes(alert));
    }

    /** Commands keyed by device id, as the gateway's command relay expects. */
    static KafkaRecordSerializationSchema<DeviceCommand> commands(String topic) {
        return (command, context, timestamp) -> new ProducerRecord<>(topic, null, null,
                command.deviceId().getBytes(StandardCharsets.UTF_8), Json.toBytes(command));
    }

    /** Stop confirmations keyed by device id, beside the gateway's delivery reports of the same device. */
    static KafkaRecordSerializationSchema<StopOutcome> stopOutcomes(String topic) {
        return (outcome, context, timestamp) -> new ProducerRecord<>(topic, null, null,
                outcome.deviceId().getBytes(StandardCharsets.UTF_8), Json.toBytes(outcome));
    }

    /** A zone's figures keyed by zone id: one zone's figures stay in order in one partition. */
    static KafkaRecordSerializationSchema<ZoneStatus> zones(String topic) {
        return (zone, context, timestamp) -> new ProducerRecord<>(topic, null, null,
                zone.zoneId().getBytes(StandardCharsets.UTF_8), Json.toBytes(zone));
    }
}
