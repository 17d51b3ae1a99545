package io.anju.jobs.time;

import java.io.Serializable;

/**
 * The time a record moves its partition's event time to, given the record and its event timestamp; {@link #NONE} for
 * a record that must not move it (nor count as the partition being active).
 */
@FunctionalInterface
public interface ProgressTime<T> extends Serializable {
    long NONE = Long.MIN_VALUE;

    long of(T record, long eventTimestamp);

    /** The event time itself. */
    static <T> ProgressTime<T> eventTime() {
        return (record, ts) -> ts;
    }
}
