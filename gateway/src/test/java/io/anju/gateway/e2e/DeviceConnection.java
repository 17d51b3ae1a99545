package io.anju.gateway.e2e;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.util.function.Consumer;

/**
 * One device's asynchronous Paho connection, MQTT 3.1.1 or 5.0 behind one face, for tests that publish many QoS 1
 * messages and need to know exactly which ones the gateway acknowledged.
 */
abstract class DeviceConnection implements AutoCloseable {
    /** Paho's own in-flight window is set above what the tests use, so Paho never refuses a publish for it. */
    private static final int PAHO_MAX_INFLIGHT = 1_000;

    final String deviceId;

    private DeviceConnection(String deviceId) {
        this.deviceId = deviceId;
    }

    abstract void connect() throws Exception;

    abstract boolean isConnected();

    abstract String protocol();

    /**
     * Publishes at QoS 1; at most one of {@code acked} (a PUBACK with a success reason arrived) or {@code failed}
     * (refused, connection lost, publish not even queued) runs, on a Paho thread or the caller's. When the
     * connection drops, Paho may report neither for messages in flight: callers track those themselves.
     */
    abstract void publishQos1(String topic, byte[] payload, Runnable acked, Consumer<Throwable> failed);

    /** Drops the connection (after a DISCONNECT when still connected) and frees the client. */
    @Override
    public abstract void close();

    static DeviceConnection v3(String uri, String deviceId, String secret) throws Exception {
        return new V3(uri, deviceId, secret);
    }

    static DeviceConnection v5(String uri, String deviceId, String secret) throws Exception {
        return new V5(uri, deviceId, secret);
    }

    private static final class V3 extends DeviceConnection {
        private final org.eclipse.paho.client.mqttv3.MqttAsyncClient client;
        private final org.eclipse.paho.client.mqttv3.MqttConnectOptions options;

        V3(String uri, String deviceId, String secret) throws Exception {
            super(deviceId);
            client = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(uri, deviceId,
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    // in-flight publishes fail through their listeners; the test's loop reconnects
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            options = DeviceClients.v3(deviceId, secret);
            options.setMaxInflight(PAHO_MAX_INFLIGHT);
        }

        @Override
        void connect() throws Exception {
            client.connect(options).waitForCompletion(DeviceClients.WAIT_MS);
        }

        @Override
        boolean isConnected() {
            return client.isConnected();
        }

        @Override
        String protocol() {
            return "3.1.1";
        }

        @Override
        void publishQos1(String topic, byte[] payload, Runnable acked, Consumer<Throwable> failed) {
            try {
                client.publish(topic, payload, 1, false, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
                        acked.run();
                    }

                    @Override
                    public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable e) {
                        failed.accept(e);
                    }
                });
            } catch (org.eclipse.paho.client.mqttv3.MqttException | RuntimeException e) {
                failed.accept(e);
            }
        }

        @Override
        public void close() {
            try {
                if (client.isConnected()) {
                    client.disconnect(0).waitForCompletion(DeviceClients.WAIT_MS);
                }
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                // already gone: closing below is all that is left
            }
            try {
                client.close(true);
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                throw new IllegalStateException("closing " + deviceId, e);
            }
        }
    }

    private static final class V5 extends DeviceConnection {
        private final org.eclipse.paho.mqttv5.client.MqttAsyncClient client;
        private final org.eclipse.paho.mqttv5.client.MqttConnectionOptions options;

        V5(String uri, String deviceId, String secret) throws Exception {
            super(deviceId);
            client = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(uri, deviceId,
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            client.setCallback(new QuietV5Callback());
            options = DeviceClients.v5(deviceId, secret);
        }

        @Override
        void connect() throws Exception {
            client.connect(options).waitForCompletion(DeviceClients.WAIT_MS);
        }

        @Override
        boolean isConnected() {
            return client.isConnected();
        }

        @Override
        String protocol() {
            return "5.0";
        }

        @Override
        void publishQos1(String topic, byte[] payload, Runnable acked, Consumer<Throwable> failed) {
            try {
                client.publish(topic, new MqttMessage(payload, 1, false, null), null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        int[] codes = token.getReasonCodes();
                        if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                            failed.accept(new IllegalStateException("PUBACK reason 0x" + Integer.toHexString(codes[0])));
                        } else {
                            acked.run();
                        }
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        failed.accept(e);
                    }
                });
            } catch (MqttException | RuntimeException e) {
                failed.accept(e);
            }
        }

        @Override
        public void close() {
            try {
                if (client.isConnected()) {
                    client.disconnect().waitForCompletion(DeviceClients.WAIT_MS);
                }
            } catch (MqttException e) {
                // already gone: closing below is all that is left
            }
            try {
                client.close(true);
            } catch (MqttException e) {
                throw new IllegalStateException("closing " + deviceId, e);
            }
        }
    }
}
