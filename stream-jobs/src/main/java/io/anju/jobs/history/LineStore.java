package io.anju.jobs.history;

import java.util.List;

/**
 * Where the sink's writer puts line protocol: InfluxDB over HTTP in production ({@link InfluxLineStore}), a fake in
 * unit tests of the batching and retry logic. Every call blocks until the store answered.
 */
interface LineStore extends AutoCloseable {

    /** Creates the database if it does not exist (idempotent). Throws a RuntimeException when it cannot. */
    void createDatabase();

    /** Writes lines with nanosecond timestamps; returns once the store took them, throws a RuntimeException if not. */
    void write(List<String> lines);

    @Override
    void close();
}
