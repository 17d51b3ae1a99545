package io.anju.bench.jobs.measure;

/**
 * Where a task spent its time, in ms: {@code busy} processing, {@code backPressured} waiting for downstream buffers,
 * {@code idle} waiting for input. As read from Flink, totals since the task started; as a mean over a window, ms per
 * second (the three add up to about 1,000).
 */
public record TaskTime(double busyMs, double backPressuredMs, double idleMs) {
    public TaskTime minus(TaskTime earlier) {
        return new TaskTime(busyMs - earlier.busyMs, backPressuredMs - earlier.backPressuredMs,
                idleMs - earlier.idleMs);
    }

    public TaskTime per(double seconds) {
        return new TaskTime(busyMs / seconds, backPressuredMs / seconds, idleMs / seconds);
    }
}
