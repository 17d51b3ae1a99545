package io.anju.sim.load;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Load through Paho MQTT 3.1.1 clients: simple and faithful, but a few threads per connection. */
public final class PahoLoadClient implements LoadClient {
    private static final Logger LOG = LoggerFactory.getLogger(PahoLoadClient.class);

    private final LoadSettings settings;
    private final List<LoadTarget> targets;
    private final LoadStats stats;
    private final List<Conn> conns = new ArrayList<>();

    private static final class Conn {
        final LoadTarget target;
        final MqttAsyncClient client;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong seq = new AtomicLong();
        volatile boolean up;

        Conn(LoadTarget target, MqttAsyncClient client) {
            this.target = target;
            this.client = client;
        }
    }

    public PahoLoadClient(LoadSettings settings, List<LoadTarget> targets, LoadStats stats) {
        this.settings = settings;
        this.targets = targets;
        this.stats = stats;
    }

    @Override
    public void connectAll(int connectRate) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(targets.size());
        long pauseNanos = 1_000_000_000L / connectRate;
        for (LoadTarget t : targets) {
            Conn c;
            try {
                c = new Conn(t, new MqttAsyncClient("tcp://" + settings.host() + ":" + settings.port(), t.deviceId(),
                        new MemoryPersistence()));
            } catch (MqttException e) {
                throw new IllegalArgumentException("cannot create a Paho client for " + t.deviceId(), e);
            }
            conns.add(c);
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            o.setAutomaticReconnect(false);
            o.setCleanSession(true);
            o.setKeepAliveInterval(60);
            o.setMaxInflight(settings.window());
            o.setUserName(t.deviceId());
            o.setPassword(t.secret().toCharArray());
            long connectStart = System.nanoTime();
            try {
                c.client.connect(o, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        c.up = true;
                        stats.recordConnected(connectStart, System.nanoTime());
                        done.countDown();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        if (refusedByConnAck(e)) {
                            stats.recordRefused();
                        } else {
                            stats.connectFailures.increment();
                        }
                        LOG.debug("{}: connect failed: {}", t.deviceId(), e.getMessage());
                        done.countDown();
                    }
                });
            } catch (MqttException e) {
                stats.connectFailures.increment();
                done.countDown();
            }
            TimeUnit.NANOSECONDS.sleep(pauseNanos);
        }
        done.await(60, TimeUnit.SECONDS);
    }

    /** Paho reports a refusing CONNACK as an exception whose reason code is the CONNACK's return code (1..5). */
    private static boolean refusedByConnAck(Throwable e) {
        return e instanceof MqttException m && m.getReasonCode() >= MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION
                && m.getReasonCode() <= MqttException.REASON_CODE_NOT_AUTHORIZED;
    }

    @Override
    public int size() {
        return conns.size();
    }

    @Override
    public int send(int index, int count) {
        Conn c = conns.get(index);
        if (!c.up || !c.client.isConnected()) {
            return count;
        }
        int room = settings.qos() == 1 ? settings.window() - c.inFlight.get() : count;
        int take = Math.max(0, Math.min(count, room));
        for (int i = 0; i < take; i++) {
            long n = c.seq.getAndIncrement();
            byte[] payload = LoadPayloads.build(settings, c.target.deviceId(), System.currentTimeMillis(), n);
            long sentAt = System.nanoTime();
            c.inFlight.incrementAndGet();
            try {
                c.client.publish(c.target.topic(settings, n), payload, settings.qos(), false, null,
                        new IMqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                c.inFlight.decrementAndGet();
                                if (settings.qos() == 1) {
                                    stats.recordAck(sentAt, System.nanoTime());
                                }
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable e) {
                                c.inFlight.decrementAndGet();
                                stats.errors.increment();
                            }
                        });
                stats.sent.increment();
            } catch (MqttException e) {
                c.inFlight.decrementAndGet();
                return count - i;
            }
        }
        return count - take;
    }

    @Override
    public void close() {
        for (Conn c : conns) {
            try {
                if (c.client.isConnected()) {
                    c.client.disconnect(500).waitForCompletion(1000);
                }
                c.client.close(true);
            } catch (MqttException e) {
                LOG.debug("{}: close: {}", c.target.deviceId(), e.getMessage());
            }
        }
    }
}
