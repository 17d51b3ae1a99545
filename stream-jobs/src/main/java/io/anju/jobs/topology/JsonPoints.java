package io.anju.jobs.topology;

import io.anju.common.json.Json;
import io.anju.jobs.history.SeriesPoint;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.List;
import java.util.function.Function;

/**
 * The alerting job's JSON records (alerts, zone figures) read straight into the points they become, so that the
 * records themselves never need Flink type information. A record that cannot be read is skipped with a warning naming
 * topic, partition and offset, and counted ({@code unreadableRecords}): failing the job on it would fail every restart
 * on it too. It stays in Kafka for inspection.
 */
final class JsonPoints<T> implements KafkaRecordDeserializationSchema<SeriesPoint> {
    private static final Logger LOG = LoggerFactory.getLogger(JsonPoints.class);
    private static final long serialVersionUID = 1L;

    /** What one record becomes. */
    interface ToPoints<T> extends Function<T, List<SeriesPoint>>, Serializable {
    }

    private final Class<T> type;
    private final ToPoints<T> points;
    private transient Counter unreadable;

    JsonPoints(Class<T> type, ToPoints<T> points) {
        this.type = type;
        this.points = points;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        unreadable = context.getMetricGroup().counter("unreadableRecords");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SeriesPoint> out) {
        if (record.value() == null) {
            return;
        }
        List<SeriesPoint> read;
        try {
            read = points.apply(Json.fromBytes(record.value(), type));
        } catch (RuntimeException e) {
            unreadable.inc();
            LOG.warn("skipped a record that is not a {}: {}-{}@{}: {}", type.getSimpleName(), record.topic(),
                    record.partition(), record.offset(), e.toString());
            return;
        }
        read.forEach(out::collect);
    }

    @Override
    public TypeInformation<SeriesPoint> getProducedType() {
        return TypeInformation.of(SeriesPoint.class);
    }
}
