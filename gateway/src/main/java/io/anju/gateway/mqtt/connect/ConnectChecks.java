package io.anju.gateway.mqtt.connect;

import io.anju.gateway.metrics.GatewayMetrics.ConnectOutcome;
import io.anju.gateway.mqtt.connection.MqttLimits;
import io.anju.gateway.mqtt.connection.PacketProperties;
import io.anju.gateway.session.ClientLimits;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * What a CONNECT must satisfy besides its credentials: no more user properties than {@code limits.maxUserProperties},
 * and no Receive Maximum or Maximum Packet Size of 0 (MQTT 5, 3.1.2.11.3 and 3.1.2.11.4: a Protocol Error). Also reads
 * what an MQTT 5 device announced it can take ({@link ClientLimits}).
 */
final class ConnectChecks {

    /** Why a CONNECT is refused: the CONNACK code, the metric outcome and a line for the log. */
    record Refusal(MqttConnectReturnCode code, ConnectOutcome outcome, String why) {
    }

    private ConnectChecks() {
    }

    /** The refusal of an MQTT 3.1.1 or 5 CONNECT, or null when it passes. */
    static Refusal refusal(MqttConnectMessage msg, MqttLimits limits) {
        int repeated = PacketProperties.repeated(msg);
        if (repeated > limits.maxUserProperties()) {
            return new Refusal(MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED, ConnectOutcome.QUOTA_EXCEEDED,
                    repeated + " user properties (at most " + limits.maxUserProperties() + ")");
        }
        MqttProperties p = msg.variableHeader().properties();
        if (intProperty(p, MqttProperties.RECEIVE_MAXIMUM, -1) == 0) {
            return protocolError("Receive Maximum 0");
        }
        if (intProperty(p, MqttProperties.MAXIMUM_PACKET_SIZE, -1) == 0) {
            return protocolError("Maximum Packet Size 0");
        }
        return null;
    }

    /** What the device announced (MQTT's defaults for whatever it did not). */
    static ClientLimits clientLimits(MqttConnectMessage msg) {
        MqttProperties p = msg.variableHeader().properties();
        int receiveMaximum = intProperty(p, MqttProperties.RECEIVE_MAXIMUM, ClientLimits.UNANNOUNCED.receiveMaximum());
        int maximumPacketSize = intProperty(p, MqttProperties.MAXIMUM_PACKET_SIZE, ClientLimits.UNANNOUNCED.maximumPacketSize());
        // a four-byte integer above 2^31 - 1 arrives negative: the device takes more than any command is
        return new ClientLimits(receiveMaximum, maximumPacketSize < 0 ? Integer.MAX_VALUE : maximumPacketSize);
    }

    private static Refusal protocolError(String why) {
        return new Refusal(MqttConnectReturnCode.CONNECTION_REFUSED_PROTOCOL_ERROR, ConnectOutcome.PROTOCOL_ERROR, why);
    }

    private static int intProperty(MqttProperties p, int id, int absent) {
        MqttProperties.MqttProperty<?> property = p == null ? null : p.getProperty(id);
        return property != null && property.value() instanceof Integer v ? v : absent;
    }
}
