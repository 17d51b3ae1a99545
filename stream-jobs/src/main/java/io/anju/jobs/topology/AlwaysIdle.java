package io.anju.jobs.topology;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a side input without event time (the registry broadcast): always idle, so the operator it feeds
 * takes its event time from the device stream alone instead of waiting for a watermark that never comes.
 */
final class AlwaysIdle<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
