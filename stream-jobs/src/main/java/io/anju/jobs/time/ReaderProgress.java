package io.anju.jobs.time;

/**
 * What one source reader (one parallel instance of the Kafka source) has seen over all its partitions: the newest
 * device time and when the last record arrived. Shared by the watermark generators of that reader's partitions;
 * they all run on the reader's one task thread.
 */
final class ReaderProgress {
    long maxTs = Long.MIN_VALUE;
    long lastEventWallMs;

    void seen(long ts, long wallMs) {
        if (ts > maxTs) {
            maxTs = ts;
        }
        lastEventWallMs = wallMs;
    }
}
