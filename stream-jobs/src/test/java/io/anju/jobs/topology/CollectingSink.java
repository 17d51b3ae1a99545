package io.anju.jobs.topology;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A sink for tests of a whole job graph in a MiniCluster: every parallel writer adds to one queue of this JVM, named by
 * the sink, so the test reads what the job wrote once it has finished. Stands in for Kafka, which is outside the
 * topology under test.
 */
final class CollectingSink<T> implements Sink<T> {
    private static final Map<String, Queue<Object>> WRITTEN = new ConcurrentHashMap<>();

    private final String name = UUID.randomUUID().toString();

    CollectingSink() {
        WRITTEN.put(name, new ConcurrentLinkedQueue<>());
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> queue = WRITTEN.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                queue.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** What every writer of this sink has been given so far. */
    @SuppressWarnings("unchecked")
    List<T> written() {
        return (List<T>) List.copyOf(WRITTEN.get(name));
    }
}
