package io.anju.bench.cases;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The alert records {@link CasesBench} writes to {@code anju.alerts}, as the stream jobs write them. */
final class BenchAlerts {

    private BenchAlerts() {
    }

    static void send(KafkaProducer<byte[], byte[]> producer, Alert a) {
        producer.send(new ProducerRecord<>(Topics.ALERTS, a.dedupKey().getBytes(StandardCharsets.UTF_8), Json.toBytes(a)));
    }

    /** The device-offline alert the offline detector writes when {@code d} misses its heartbeats. */
    static Alert offline(Device d, long now) {
        String key = Alert.dedupKey(AlertType.DEVICE_OFFLINE, d.id());
        long silentSince = now - 270_000;
        return new Alert(Alert.idFor(key, silentSince), key, AlertType.DEVICE_OFFLINE, Severity.YELLOW,
                AlertStatus.RAISED, 1, SourceKind.DEVICE, d.id(), d.id(), null, d.location(), silentSince, now, now,
                d.type().wireName() + " " + d.id() + " offline (3 heartbeats missed)", "check_device",
                List.of(Evidence.event(silentSince, d.id(), "lastMessage", null),
                        Evidence.reading(now, d.id(), "silence", 270, "s")));
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 0));
    }

    /** A new port-overload alert on the next charger port each time: every alert opens its own case. */
    static final class Source {
        private final List<Device> chargers;
        private int n;

        Source(List<Device> chargers) {
            this.chargers = chargers;
        }

        Alert next() {
            Device d = chargers.get(n % chargers.size());
            int port = 1 + (n / chargers.size()) % 12;
            int episode = n / (chargers.size() * 12);
            n++;
            long now = System.currentTimeMillis();
            String source = Alert.portSourceId(d.id(), port);
            String key = Alert.dedupKey(AlertType.PORT_OVERLOAD, source) + (episode == 0 ? "" : "~" + episode);
            return new Alert(Alert.idFor(key, now), key, AlertType.PORT_OVERLOAD, Severity.RED, AlertStatus.RAISED, 1,
                    SourceKind.PORT, source, d.id(), port, d.location(), now - 30_000, now, now,
                    "port " + port + " of " + d.id() + " at 1,250 W", "stop_port",
                    List.of(Evidence.portReading(now, d.id(), port, "powerW", 1250, "W")));
        }
    }
}
