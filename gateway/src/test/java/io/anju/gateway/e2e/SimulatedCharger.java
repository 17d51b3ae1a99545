package io.anju.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A charger on MQTT 5.0 that subscribes to its own command topic and answers {@code stop_port} with
 * {@code command/reply {"id","ts","seq","result":"ok"}}, as device-protocol.md asks of a device.
 */
final class SimulatedCharger implements AutoCloseable {
    private final String deviceId;
    private final MqttAsyncClient client;
    private final List<JsonNode> commands = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong();

    SimulatedCharger(String uri, String deviceId, String secret) throws MqttException {
        this.deviceId = deviceId;
        this.client = new MqttAsyncClient(uri, deviceId, new MemoryPersistence());
        client.setCallback(new QuietV5Callback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                JsonNode command = Json.mapper().readTree(message.getPayload());
                commands.add(command);
                if ("stop_port".equals(command.path("action").asText())) {
                    reply(command.path("id").asText());
                }
            }
        });
        client.connect(DeviceClients.v5(deviceId, secret)).waitForCompletion(DeviceClients.WAIT_MS);
        IMqttToken sub = client.subscribe(MqttTopics.command(DeviceType.CHARGER, deviceId), 1);
        sub.waitForCompletion(DeviceClients.WAIT_MS);
        if (sub.getReasonCodes()[0] != 1) {
            throw new IllegalStateException("SUBACK reason " + sub.getReasonCodes()[0] + " for " + deviceId);
        }
    }

    /** Publishes without waiting: this runs on Paho's callback thread, which also has to read the PUBACK. */
    private void reply(String commandId) throws MqttException {
        String json = "{\"id\":\"" + commandId + "\",\"ts\":" + System.currentTimeMillis() + ",\"seq\":" + seq.incrementAndGet()
                + ",\"result\":\"ok\"}";
        client.publish(MqttTopics.commandReply(DeviceType.CHARGER, deviceId), new MqttMessage(DeviceClients.bytes(json), 1, false, null));
    }

    /** Every command received, in arrival order. */
    List<JsonNode> commands() {
        return commands;
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(DeviceClients.WAIT_MS);
            }
        } finally {
            client.close(true);
        }
    }
}
