package io.anju.gateway.mqtt.connection;

import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;

/**
 * Counts the MQTT 5 properties a packet may repeat without bound: user properties and subscription identifiers (every
 * other property is kept once, a repeat overwrites it). Looks at every property set a client's packet can carry:
 * CONNECT (and its Will), PUBLISH, PUBACK/PUBREC/PUBREL/PUBCOMP, SUBSCRIBE/UNSUBSCRIBE, DISCONNECT and AUTH.
 */
public final class PacketProperties {
    private PacketProperties() {
    }

    /** User properties and subscription identifiers in all of {@code m}'s property sets. */
    public static int repeated(MqttMessage m) {
        int n = repeated(properties(m.variableHeader()));
        return m.payload() instanceof MqttConnectPayload p ? n + repeated(p.willProperties()) : n;
    }

    private static MqttProperties properties(Object header) {
        if (header instanceof MqttConnectVariableHeader h) {
            return h.properties();
        }
        if (header instanceof MqttPublishVariableHeader h) {
            return h.properties();
        }
        if (header instanceof MqttPubReplyMessageVariableHeader h) {
            return h.properties();
        }
        if (header instanceof MqttMessageIdAndPropertiesVariableHeader h) {
            return h.properties();
        }
        if (header instanceof MqttReasonCodeAndPropertiesVariableHeader h) {
            return h.properties();
        }
        return null;
    }

    private static int repeated(MqttProperties p) {
        return p == null ? 0 : p.getProperties(MqttProperties.USER_PROPERTY).size()
                + p.getProperties(MqttProperties.SUBSCRIPTION_IDENTIFIER).size();
    }
}
