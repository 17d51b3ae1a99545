package io.anju.bench.jobs.measure;

import io.anju.bench.kafka.TopicTail;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tails {@code anju.alerts} from its end on its own thread ({@link TopicTail}), as the case system would read it:
 * every RAISED port overload goes to the {@link ProbeBook} with the time this reader received it, and every alert is
 * counted by type and status (the traffic should raise nothing but port overloads, each cleared by the device's next
 * reading).
 */
public final class AlertTail implements AutoCloseable {
    private final ProbeBook probes;
    private final Map<String, Long> counts = new TreeMap<>();
    private final TopicTail tail;
    private volatile long lastArrivalMs;

    public AlertTail(String bootstrap, ProbeBook probes) {
        this.probes = probes;
        this.tail = new TopicTail(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), "bench-alert-tail",
                List.of(Topics.ALERTS), this::read);
        tail.start();
    }

    private void read(ConsumerRecord<byte[], byte[]> r, long received) throws IOException {
        Alert a = Json.fromBytes(r.value(), Alert.class);
        if (a.type() == AlertType.PORT_OVERLOAD && a.status() == AlertStatus.RAISED) {
            probes.raised(a.deviceId(), a.port(), a.lastEventTs(), received);
        }
        count(a.type().wireName() + " " + a.status().name().toLowerCase(Locale.ROOT));
        lastArrivalMs = received;
    }

    private synchronized void count(String typeAndStatus) {
        counts.merge(typeAndStatus, 1L, Long::sum);
    }

    /** Alerts seen so far by {@code "type status"}, e.g. {@code "port_overload raised"}. */
    public synchronized Map<String, Long> counts() {
        return new TreeMap<>(counts);
    }

    /** When the last alert arrived (wall ms), 0 before the first. */
    public long lastArrivalMs() {
        return lastArrivalMs;
    }

    @Override
    public void close() {
        tail.close();
    }
}
