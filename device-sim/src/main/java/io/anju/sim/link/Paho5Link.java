package io.anju.sim.link;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** {@link DeviceLink} over Eclipse Paho's MQTT 5.0 client, memory persistence, no automatic reconnect. */
public final class Paho5Link implements DeviceLink {
    private final ScheduledExecutorService executor;
    private final int receiveMaximum;
    private MqttAsyncClient client;
    private volatile Consumer<Throwable> lostListener = e -> { };
    private volatile BiConsumer<String, byte[]> handler = (t, p) -> { };

    /** @param executor shared among links to keep the thread count down; may be null */
    public Paho5Link(ScheduledExecutorService executor, int receiveMaximum) {
        this.executor = executor;
        this.receiveMaximum = receiveMaximum;
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
                public void disconnected(MqttDisconnectResponse response) {
                    lostListener.accept(response.getException() != null ? response.getException()
                            : new IllegalStateException("disconnected by the server, reason " + response.getReturnCode()));
                }

                @Override
                public void mqttErrorOccurred(MqttException exception) {
                    // surfaced through the failing operation or disconnected()
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    handler.accept(topic, message.getPayload());
                }

                @Override
                public void deliveryComplete(IMqttToken token) {
                    // completion is reported per publish through its action listener
                }

                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                    // connect() waits for the token
                }

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {
                    // no enhanced authentication in protocol v1
                }
            });
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(false);
            options.setKeepAliveInterval(spec.keepAliveS());
            options.setConnectionTimeout(spec.connectTimeoutS());
            options.setReceiveMaximum(receiveMaximum);
            options.setUserName(spec.clientId());
            options.setPassword(spec.password().getBytes(StandardCharsets.UTF_8));
            if (spec.willTopic() != null) {
                MqttMessage will = new MqttMessage(spec.willPayload());
                will.setQos(1);
                options.setWill(spec.willTopic(), will);
            }
            if (spec.socketFactory() != null) {
                options.setSocketFactory(spec.socketFactory());
            }
            client.connect(options).waitForCompletion((spec.connectTimeoutS() + 5) * 1000L);
        } catch (MqttException e) {
            closeQuietly();
            throw new LinkException("MQTT 5 connect of " + spec.clientId() + " failed: " + e.getMessage(),
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
            int[] codes = token.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                throw new LinkException("subscription to " + topic + " refused, reason 0x"
                        + Integer.toHexString(codes[0]), codes[0], null);
            }
        } catch (MqttException e) {
            throw new LinkException("subscribe to " + topic + " failed: " + e.getMessage(), e.getReasonCode(), e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, Consumer<Throwable> onDone) throws LinkException {
        try {
            client.publish(topic, payload, qos, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                        onDone.accept(new IllegalStateException("PUBACK reason 0x" + Integer.toHexString(codes[0])));
                    } else {
                        onDone.accept(null);
                    }
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
        return 5;
    }
}
