package io.anju.bench.e2e;

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
 * A reading is tagged by its {@code count} and {@code inCount} (the event shows them as {@code occupancy} and
 * {@code inPerMin}), so tags repeat only after {@value #TAGS} readings. Readings sent while measuring are timed
 * whenever their event arrives; one whose event never comes (the dashboards fold a burst of one zone's readings into
 * its newest, at most one event per second) stays unmatched.
 */
final class ZoneProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneProbe.class);
    /** Distinct tags: 50 counts × 20 inflows, so a tag repeats after 1,000 readings (16 min at one a second). */
    static final int TAGS = 1_000;
    private static final int COUNTS = 50;
    /** The smallest count sent: far below any zone's capacity, so the probe raises no crowd warning. */
    static final int BASE_COUNT = 10;
    /** The readings' interval: the dashboards show {@code inCount} as persons/minute, inCount × 60 / this. */
    private static final int INTERVAL_S = 10;

    private record Sent(long nanos, boolean measured) {
    }

    private final String deviceId;
    private final String zoneId;
    private final MqttClient client;
    private final String topic;
    private final String secret;
    private final ConcurrentHashMap<Integer, Sent> pending = new ConcurrentHashMap<>();
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
    private volatile long measuringEndedNanos = Long.MAX_VALUE;
    private volatile boolean shownAfterMeasuring;
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
        int tag = (int) (n % TAGS);
        int count = BASE_COUNT + tag % COUNTS;
        int inCount = tag / COUNTS;
        String payload = "{\"ts\":" + System.currentTimeMillis() + ",\"seq\":" + n + ",\"count\":" + count
                + ",\"inCount\":" + inCount + ",\"outCount\":3,\"intervalS\":" + INTERVAL_S + "}";
        boolean measured = measuring;
        pending.put(tag, new Sent(System.nanoTime(), measured));
        if (measured) {
            measuredSent.incrementAndGet();
        }
        try {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            sent.incrementAndGet();
        } catch (MqttException e) {
            sendFailures.incrementAndGet();
            pending.remove(tag);
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
            int tag = tag(zone.path("occupancy").asInt(-1), zone.path("inPerMin").asDouble(-1));
            Sent sent = tag < 0 ? null : pending.remove(tag);
            if (sent == null) {
                return;
            }
            matched.incrementAndGet();
            if (sent.nanos() > measuringEndedNanos) {
                shownAfterMeasuring = true;
            }
            if (sent.measured()) {
                synchronized (latencyMicros) {
                    latencyMicros.recordValue(Math.min(latencyMicros.getHighestTrackableValue(),
                            Math.max(0, (receivedNanos - sent.nanos()) / 1_000)));
                }
            }
        } catch (IOException e) {
            LOG.debug("unreadable zone event: {}", e.toString());
        }
    }

    /** The tag a zone event shows, or -1 when it is none of the probe's. */
    static int tag(int occupancy, double inPerMin) {
        int inCount = (int) Math.round(inPerMin * INTERVAL_S / 60.0);
        int countPart = occupancy - BASE_COUNT;
        if (countPart < 0 || countPart >= COUNTS || inCount < 0 || inCount >= TAGS / COUNTS) {
            return -1;
        }
        return inCount * COUNTS + countPart;
    }

    /** A reading sent after the measurement ended has been shown: the dashboard has caught up with the load. */
    boolean caughtUp() {
        return shownAfterMeasuring;
    }

    /** Readings sent while measuring are timed whenever their event arrives; matches are counted always. */
    void measuring(boolean on) {
        if (measuring && !on) {
            measuringEndedNanos = System.nanoTime();
        }
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
