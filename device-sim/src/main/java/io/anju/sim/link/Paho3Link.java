package io.anju.sim.link;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** {@link DeviceLink} over Eclipse Paho's MQTT 3.1.1 client, memory persistence, no automatic reconnect. */
public final class Paho3Link implements DeviceLink {
    private final ScheduledExecutorService executor;
    private final int maxInflight;
    private MqttAsyncClient client;
    private volatile Consumer<Throwable> lostListener = e -> { };
    private volatile BiConsumer<String, byte[]> handler = (t, p) -> { };

    /** @param executor shared among links to keep the thread count down; may be null */
    public Paho3Link(ScheduledExecutorService executor, int maxInflight) {
        this.executor = executor;
        this.maxInflight = maxInflight;
    }

    @Override
    public void connect(ConnectSpec spec) throws LinkException {
        try {
            closeQuietly();
            client = executor == null
                    ? new MqttAsyncClient(spec.serverUri(), spec.clientId(), new MemoryPersistence())
                    : new MqttAsyncClient(spec.serverUri(), spec.clientId(), new MemoryPersistence(), null, executor);
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    lostListener.accept(cause);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    handler.accept(topic, message.getPayload());
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // completion is reported per publish through its action listener
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(true);
            options.setAutomaticReconnect(false);
            options.setKeepAliveInterval(spec.keepAliveS());
            options.setConnectionTimeout(spec.connectTimeoutS());
            options.setMaxInflight(maxInflight);
            options.setUserName(spec.clientId());
            options.setPassword(spec.password().toCharArray());
            if (spec.willTopic() != null) {
                options.setWill(spec.willTopic(), spec.willPayload(), 1, false);
            }
            if (spec.socketFactory() != null) {
                options.setSocketFactory(spec.socketFactory());
            }
            client.connect(options).waitForCompletion((spec.connectTimeoutS() + 5) * 1000L);
        } catch (MqttException e) {
            closeQuietly();
            throw new LinkException("MQTT 3.1.1 connect of " + spec.clientId() + " failed: " + e.getMessage(),
                    e.getReasonCode(), e);
        }
    }

    @Override
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    public void subscribe(String topic, BiConsumer<String, byte[]> messageHandler) throws LinkException {
        this.handler = messageHandler;
        try {
            IMqttToken token = client.subscribe(topic, 1);
            token.waitForCompletion(10_000);
            int[] granted = token.getGrantedQos();
            if (granted != null && granted.length > 0 && granted[0] == 0x80) {
                throw new LinkException("subscription to " + topic + " refused", 0x80, null);
            }
        } catch (MqttException e) {
            throw new LinkException("subscribe to " + topic + " failed: " + e.getMessage(), e.getReasonCode(), e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, Consumer<Throwable> onDone) throws LinkException {
        try {
            client.publish(topic, payload, qos, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    onDone.accept(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    onDone.accept(error);
                }
            });
        } catch (MqttException e) {
            throw new LinkException("publish to " + topic + " failed: " + e.getMessage(), e.getReasonCode(), e);
        }
    }

    @Override
    public void onConnectionLost(Consumer<Throwable> listener) {
        this.lostListener = listener;
    }

    @Override
    public void drop() {
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            c.disconnectForcibly(0, 1000, false);
        } catch (MqttException e) {
            // the socket is going away either way
        }
        closeQuietly();
    }

    @Override
    public void close() {
        MqttAsyncClient c = client;
        if (c != null && c.isConnected()) {
            try {
                c.disconnect(1000).waitForCompletion(2000);
            } catch (MqttException e) {
                // closing anyway
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        MqttAsyncClient c = client;
        client = null;
        if (c != null) {
            try {
                c.close(true);
            } catch (MqttException e) {
                // already closed
            }
        }
    }

    @Override
    public int protocolVersion() {
        return 3;
    }
}
