package io.anju.jobs.input;

import io.anju.common.topic.Topics;
import io.anju.jobs.time.ClockRule;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the gateway's envelopes as they are read from Kafka. A record that is not an envelope is skipped with a
 * warning naming topic, partition, offset and reason, and counted ({@code undecodableRecords}): it cannot be
 * processed, and failing the job on it would stop every detector for one bad record. It stays in Kafka for
 * inspection. Readings whose device clock was off are counted ({@code clockCorrectedReadings}); how far behind the
 * gateway the reader is shows as {@code receiveLagMs}: how long the newest record had been in Kafka when this reader
 * read it (wall clock at the read minus the gateway's receive time). It stays at that value while nothing arrives, so a
 * quiet district does not look like a lagging job; a job that stops reading altogether shows in Kafka's consumer lag.
 * <p>
 * The alerting job reads {@code anju.commands} through the same source: a person's stop or resume for a case becomes a
 * {@link DeviceInput.Command} ({@link CaseCommand#decode}); every other command (the job's own stops) is passed over.
 * So it reads {@code anju.command-results}: a gateway's report that it delivered a {@code stop_port} becomes a
 * {@link DeviceInput.Delivered} ({@link StopDelivery#decode}); everything else there (other outcomes, the devices'
 * replies, the job's own confirmations) is passed over.
 */
public final class DeviceInputDeserializer implements KafkaRecordDeserializationSchema<DeviceInput> {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceInputDeserializer.class);
    private static final long serialVersionUID = 1L;

    private final ClockRule clock;
    private transient EnvelopeDecoder decoder;
    private transient Counter undecodable;
    private transient volatile long lagMs;

    public DeviceInputDeserializer(ClockRule clock) {
        this.clock = clock;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        Counter corrected = context.getMetricGroup().counter("clockCorrectedReadings");
        decoder = new EnvelopeDecoder(clock, corrected::inc);
        undecodable = context.getMetricGroup().counter("undecodableRecords");
        context.getMetricGroup().gauge("receiveLagMs", (Gauge<Long>) () -> lagMs);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DeviceInput> out) {
        if (record.value() == null) {
            return;
        }
        if (Topics.COMMANDS.equals(record.topic())) {
            CaseCommand command = CaseCommand.decode(record.key(), record.value());
            if (command != null) {
                out.collect(DeviceInput.Command.of(command));
            }
            return;
        }
        if (Topics.COMMAND_RESULTS.equals(record.topic())) {
            StopDelivery delivery = StopDelivery.decode(record.key(), record.value());
            if (delivery != null) {
                out.collect(DeviceInput.Delivered.of(delivery));
            }
            return;
        }
        try {
            DeviceInput in = decoder.decode(record.value());
            long receivedAt = in.seen().receivedAt();
            if (receivedAt > 0) {
                lagMs = Math.max(0L, System.currentTimeMillis() - receivedAt);
            }
            out.collect(in);
        } catch (EnvelopeDecoder.UndecodableEnvelope e) {
            undecodable.inc();
            LOG.warn("skipped a record that is not a gateway envelope: {}-{}@{}: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<DeviceInput> getProducedType() {
        return new DeviceInputTypeInfo();
    }
}
