package io.anju.jobs.time;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * Event time from the reading's time ({@code eventTime}: the device's own, or the receive time when the
 * {@link ClockRule} corrected it), with {@link QuietAwareWatermarks} per partition moved by {@code progressTime}
 * (the earlier of event time and receive time). Each parallel source instance deserialises its own copy of this
 * strategy, so the {@link ReaderProgress} its partitions share is that reader's alone.
 */
public final class DeviceTimeWatermarks<T> implements WatermarkStrategy<T> {
    private static final long serialVersionUID = 1L;

    private final Duration outOfOrderness;
    private final Duration quietAfter;
    private final SerializableTs<T> eventTime;
    private final ProgressTime<T> progressTime;
    private transient ReaderProgress reader;

    /** A time of a record, Unix ms. */
    public interface SerializableTs<T> extends ToLongFunction<T>, java.io.Serializable {
    }

    public DeviceTimeWatermarks(Duration outOfOrderness, Duration quietAfter, SerializableTs<T> eventTime,
                                ProgressTime<T> progressTime) {
        this.outOfOrderness = outOfOrderness;
        this.quietAfter = quietAfter;
        this.eventTime = eventTime;
        this.progressTime = progressTime;
    }

    @Override
    public synchronized WatermarkGenerator<T> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        if (reader == null) {
            reader = new ReaderProgress();
        }
        return new QuietAwareWatermarks<>(outOfOrderness, quietAfter, System::currentTimeMillis, reader, progressTime);
    }

    @Override
    public TimestampAssigner<T> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        return (record, kafkaTs) -> eventTime.applyAsLong(record);
    }
}
