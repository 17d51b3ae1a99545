package io.anju.gateway.e2e;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;

import java.nio.charset.StandardCharsets;

/** Connect options of a device as the protocol asks for them (client id = user name = device id), and payloads. */
final class DeviceClients {
    static final long WAIT_MS = 10_000;

    private DeviceClients() {
    }

    static MqttConnectOptions v3(String deviceId, String secret) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(60);
        o.setUserName(deviceId);
        o.setPassword(secret.toCharArray());
        return o;
    }

    static MqttConnectionOptions v5(String deviceId, String secret) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(60);
        o.setUserName(deviceId);
        o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
        return o;
    }

    /** The PUBACK/SUBACK reason of a v5 token, whether Paho reports a failure reason as codes or as an exception. */
    static int reasonCode(IMqttToken token) {
        try {
            token.waitForCompletion(WAIT_MS);
        } catch (MqttException e) {
            return e.getReasonCode();
        }
        int[] codes = token.getReasonCodes();
        if (codes == null || codes.length == 0) {
            throw new AssertionError("no reason code on the token of " + token);
        }
        return codes[0];
    }

    /** A valid charger telemetry payload of device protocol v1, two ports. */
    static String chargerTelemetry(long ts, long seq) {
        return "{\"ts\":" + ts + ",\"seq\":" + seq + ",\"mainsV\":228.4,\"ambientC\":24.1,\"smoke\":false,\"leakageMa\":3.2,"
                + "\"ports\":[{\"no\":1,\"state\":\"charging\",\"voltageV\":48.6,\"currentA\":4.1,\"powerW\":199.3,\"energyWh\":655,\"tempC\":38.5},"
                + "{\"no\":2,\"state\":\"idle\",\"voltageV\":0,\"currentA\":0,\"powerW\":0,\"energyWh\":0,\"tempC\":24.0}]}";
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
