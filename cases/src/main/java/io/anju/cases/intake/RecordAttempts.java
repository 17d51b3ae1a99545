package io.anju.cases.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed attempts at the records an intake holds for a reason of their own ({@link StoreErrors#recordsOwn}), by
 * record. Only held records have an entry, and a record's entry goes once it is done, so it stays as small as the
 * number of records held at once.
 */
public final class RecordAttempts {
    private final Map<String, Integer> failed = new ConcurrentHashMap<>();
    private final int max;

    /** @param max the attempts after which a record is given up on ({@code intake.maxAttempts}) */
    public RecordAttempts(int max) {
        this.max = max;
    }

    /**
     * Counts a failed attempt at {@code r} that the store gave for a reason of the record's own; true when that was
     * its last one (it is forgotten then, and goes to the quarantine). Any other failure (an outage) counts nothing.
     */
    public boolean exhausted(ConsumerRecord<?, ?> r, Throwable cause) {
        if (!StoreErrors.recordsOwn(cause)) {
            return false;
        }
        String key = key(r);
        if (failed.merge(key, 1, Integer::sum) < max) {
            return false;
        }
        failed.remove(key);
        return true;
    }

    /** {@code r} is done: its count, if any, goes. */
    public void done(ConsumerRecord<?, ?> r) {
        if (!failed.isEmpty()) {
            failed.remove(key(r));
        }
    }

    public int max() {
        return max;
    }

    private static String key(ConsumerRecord<?, ?> r) {
        return r.topic() + "-" + r.partition() + "@" + r.offset();
    }
}
