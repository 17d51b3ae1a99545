package io.anju.jobs.time;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * Event time from the device's own timestamp, with {@link QuietAwareWatermarks} per partition. Each parallel source
 * instance deserialises its own copy of this strategy, so the {@link ReaderProgress} its partitions share is that
 * reader's alone.
 */
public final class DeviceTimeWatermarks<T> implements WatermarkStrategy<T> {
    private static final long serialVersionUID = 1L;

    private final Duration outOfOrderness;
    private final Duration quietAfter;
    private final SerializableTs<T> deviceTime;
    private transient ReaderProgress reader;

    /** The device time of a record, Unix ms. */
    public interface SerializableTs<T> extends ToLongFunction<T>, java.io.Serializable {
    }

    public DeviceTimeWatermarks(Duration outOfOrderness, Duration quietAfter, SerializableTs<T> deviceTime) {
        this.outOfOrderness = outOfOrderness;
        this.quietAfter = quietAfter;
        this.deviceTime = deviceTime;
    }

    @Override
    public synchronized WatermarkGenerator<T> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        if (reader == null) {
            reader = new ReaderProgress();
        }
        return new QuietAwareWatermarks<>(outOfOrderness, quietAfter, System::currentTimeMillis, reader);
    }

    @Override
    public TimestampAssigner<T> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        return (record, kafkaTs) -> deviceTime.applyAsLong(record);
    }
}
