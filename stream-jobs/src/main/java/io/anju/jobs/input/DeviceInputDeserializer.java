package io.anju.jobs.input;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the gateway's envelopes as they are read from Kafka. A record that is not an envelope is skipped with a
 * warning naming topic, partition, offset and reason, and counted ({@code undecodableRecords}): it cannot be
 * processed, and failing the job on it would stop every detector for one bad record. It stays in Kafka for
 * inspection.
 */
public final class DeviceInputDeserializer implements KafkaRecordDeserializationSchema<DeviceInput> {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceInputDeserializer.class);

    private transient EnvelopeDecoder decoder;
    private transient Counter undecodable;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        decoder = new EnvelopeDecoder();
        undecodable = context.getMetricGroup().counter("undecodableRecords");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DeviceInput> out) {
        if (record.value() == null) {
            return;
        }
        try {
            out.collect(decoder.decode(record.value()));
        } catch (EnvelopeDecoder.UndecodableEnvelope e) {
            undecodable.inc();
            LOG.warn("skipped a record that is not a gateway envelope: {}-{}@{}: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<DeviceInput> getProducedType() {
        return TypeInformation.of(DeviceInput.class);
    }
}
