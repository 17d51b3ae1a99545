package io.anju.gateway.mqtt.reply;

import io.anju.common.text.Utf8;
import io.netty.handler.codec.mqtt.MqttProperties;

import java.nio.charset.StandardCharsets;

/**
 * The MQTT 5 Reason String (property 0x1F) of a negative answer: why, in plain words, at most {@link #MAX_BYTES} bytes.
 * Left out when switched off ({@code mqtt.reasonStrings=false}) or when it would make the packet larger than the
 * client's Maximum Packet Size (MQTT 5, 3.4.2.2.2 and the like for every packet that carries one).
 */
public final class ReasonStrings {
    public static final int MAX_BYTES = 256;
    /** Remaining length of a packet before its properties: PUBACK/PUBREC (packet id, reason), CONNACK, DISCONNECT. */
    public static final int PUB_REPLY_BASE = 3;
    public static final int CONNACK_BASE = 2;
    public static final int DISCONNECT_BASE = 1;

    private final boolean enabled;

    public ReasonStrings(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The properties of a packet whose remaining length without properties is {@code baseBytes}: the reason string
     * {@code why}, or none.
     */
    public MqttProperties of(String why, int baseBytes, int clientMaximumPacketSize) {
        if (!enabled || why == null || why.isEmpty()) {
            return MqttProperties.NO_PROPERTIES;
        }
        String text = Utf8.truncate(why, MAX_BYTES);
        int propertyBytes = 1 + 2 + text.getBytes(StandardCharsets.UTF_8).length; // id, length, string
        int remaining = baseBytes + varIntBytes(propertyBytes) + propertyBytes;
        if (1 + varIntBytes(remaining) + remaining > clientMaximumPacketSize) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties p = new MqttProperties();
        p.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, text));
        return p;
    }

    private static int varIntBytes(int n) {
        return n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4;
    }
}
