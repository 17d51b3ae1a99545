package io.anju.platform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A crowd counter that times its own readings to the dashboard: it publishes one reading a second (QoS 1) whose
 * {@code count} tags it, and the {@code zone} event of its zone on {@code /api/live} that shows that count closes the
 * measurement. Latency = event received − just before the PUBLISH was handed to the MQTT client, on one clock.
 * A reading whose event never comes (coalesced away, or lost) is counted as unmatched.
 */
final class ZoneProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneProbe.class);
    /** Counts cycle through this many values: unique over the window in which an event can still arrive. */
    static final int TAGS = 50;
    /** The smallest count sent: far below any zone's capacity, so the probe raises no crowd warning. */
    static final int BASE_COUNT = 10;

    private final String deviceId;
    private final String zoneId;
    private final MqttClient client;
    private final String topic;
    private final String secret;
    private final ConcurrentHashMap<Integer, Long> pending = new ConcurrentHashMap<>();
    private final Histogram latencyMicros = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong measuredSent = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-zone-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean measuring;
    private long seq;

    ZoneProbe(String mqttUri, String deviceId, String secret, String zoneId) throws MqttException {
        this.deviceId = deviceId;
        this.zoneId = zoneId;
        this.secret = secret;
        this.topic = "anju/v1/crowd/" + deviceId + "/telemetry";
        this.client = new MqttClient(mqttUri, deviceId, new MemoryPersistence());
    }

    /** Connects and starts publishing every {@code periodMs}. */
    void start(long periodMs) throws MqttException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(deviceId);
        o.setPassword(secret.toCharArray());
        o.setCleanSession(true);
        o.setKeepAliveInterval(60);
        o.setAutomaticReconnect(true);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        client.connect(o);
        timer.scheduleAtFixedRate(this::publish, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    private void publish() {
        long n = seq++;
        int count = BASE_COUNT + (int) (n % TAGS);
        String payload = "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":" + n + ",\"count\":" + count
                + ",\"inCount\":3,\"outCount\":3,\"intervalS\":10}";
        pending.put(count, System.nanoTime());
        if (measuring) {
            measuredSent.incrementAndGet();
        }
        try {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            sent.incrementAndGet();
        } catch (MqttException e) {
            sendFailures.incrementAndGet();
            pending.remove(count);
            LOG.debug("probe publish failed: {}", e.toString());
        }
    }

    /** Takes a {@code /api/live} event; a {@code zone} event of the probe's zone closes the reading it shows. */
    void onLiveEvent(String name, String data, long receivedNanos) {
        if (!name.equals("zone")) {
            return;
        }
        try {
            JsonNode zone = Json.tree(data.getBytes(StandardCharsets.UTF_8));
            if (!zoneId.equals(zone.path("zoneId").asText())) {
                return;
            }
            Long sentAt = pending.remove(zone.path("occupancy").asInt(-1));
            if (sentAt == null) {
                return;
            }
            matched.incrementAndGet();
            if (measuring) {
                synchronized (latencyMicros) {
                    latencyMicros.recordValue(Math.min(latencyMicros.getHighestTrackableValue(),
                            Math.max(0, (receivedNanos - sentAt) / 1_000)));
                }
            }
        } catch (IOException e) {
            LOG.debug("unreadable zone event: {}", e.toString());
        }
    }

    /** Latencies are recorded only while measuring (the load runs); matches are counted always. */
    void measuring(boolean on) {
        measuring = on;
    }

    long matched() {
        return matched.get();
    }

    /** Summary of what was measured: readings sent while measuring, events timed, percentiles in ms. */
    record Result(String deviceId, String zoneId, long sentWhileMeasuring, long timed, long sendFailures,
                  double p50Ms, double p90Ms, double p99Ms, double maxMs) {
    }

    Result result() {
        synchronized (latencyMicros) {
            long n = latencyMicros.getTotalCount();
            return new Result(deviceId, zoneId, measuredSent.get(), n, sendFailures.get(),
                    ms(n, 50), ms(n, 90), ms(n, 99), n == 0 ? 0 : latencyMicros.getMaxValue() / 1000.0);
        }
    }

    private double ms(long n, double percentile) {
        return n == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
            client.close();
        } catch (MqttException e) {
            LOG.debug("probe close: {}", e.toString());
        }
    }
}
