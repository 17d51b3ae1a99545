package io.anju.jobs.time;

import java.io.Serializable;

/** The time a record moves its partition's event time to, given the record and its event timestamp. */
@FunctionalInterface
public interface ProgressTime<T> extends Serializable {
    long of(T record, long eventTimestamp);

    /** The event time itself. */
    static <T> ProgressTime<T> eventTime() {
        return (record, ts) -> ts;
    }
}
