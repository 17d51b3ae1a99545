package io.anju.dashboards.live;

import io.anju.common.alert.Alert;
import io.anju.common.json.Json;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.Topics;
import io.anju.common.twin.DeviceTwin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Decodes the records of the platform's topics into {@link LiveState}; counts what it reads and what it cannot use. */
final class LiveIntake implements TopicReader.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(LiveIntake.class);
    static final String CROWD = Topics.telemetry(DeviceType.CROWD);
    static final String CHARGER = Topics.telemetry(DeviceType.CHARGER);

    private final LiveState state;
    private final MeterRegistry meters;
    private final Map<String, Counter> read = new ConcurrentHashMap<>();
    private final Map<String, Counter> unusable = new ConcurrentHashMap<>();

    LiveIntake(LiveState state, MeterRegistry meters) {
        this.state = state;
        this.meters = meters;
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> r) {
        counter(read, "anju.dashboards.live.records", r.topic()).increment();
        if (r.value() == null && r.topic().equals(Topics.TWIN)) {
            return; // a tombstone: the device left the registry, which the boards follow on their own
        }
        if (r.value() == null || !apply(r.topic(), r.value())) {
            counter(unusable, "anju.dashboards.live.records.unusable", r.topic()).increment();
        }
    }

    private boolean apply(String topic, byte[] value) {
        try {
            if (topic.equals(CROWD)) {
                state.crowdTelemetry(EnvelopeReader.read(value));
            } else if (topic.equals(CHARGER)) {
                state.chargerTelemetry(EnvelopeReader.read(value));
            } else if (topic.equals(Topics.STATUS)) {
                state.status(EnvelopeReader.read(value));
            } else if (topic.equals(Topics.TWIN)) {
                DeviceTwin twin = Json.fromBytes(value, DeviceTwin.class);
                if (twin.deviceId() == null || twin.type() == null) {
                    return false;
                }
                state.twin(twin);
            } else if (topic.equals(Topics.ALERTS)) {
                Alert alert = Json.fromBytes(value, Alert.class);
                if (!complete(alert)) {
                    return false;
                }
                state.alert(alert);
            } else if (topic.equals(Topics.SNAPSHOTS)) {
                return state.snapshot(EnvelopeReader.read(value));
            }
            return true;
        } catch (RuntimeException e) {
            LOG.debug("unusable record on {}: {}", topic, e.toString());
            return false;
        }
    }

    private static boolean complete(Alert a) {
        return a.id() != null && a.dedupKey() != null && a.type() != null && a.severity() != null
                && a.status() != null && a.revision() >= 1;
    }

    private Counter counter(Map<String, Counter> cache, String name, String topic) {
        return cache.computeIfAbsent(topic, t -> Counter.builder(name).tag("topic", t).register(meters));
    }
}
