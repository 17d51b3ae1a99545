package io.anju.gateway.mqtt.reply;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;

import java.util.List;

/** Builds the packets the gateway sends; reason codes are only encoded on MQTT 5 connections. */
public final class MqttReplies {
    /** MQTT 5 reason codes used by the gateway. */
    public static final byte SUCCESS = 0x00;
    public static final byte NOT_AUTHORIZED = (byte) 0x87;
    public static final byte PAYLOAD_FORMAT_INVALID = (byte) 0x99;
    public static final byte PACKET_ID_NOT_FOUND = (byte) 0x92;
    public static final byte PROTOCOL_ERROR = (byte) 0x82;
    public static final byte MALFORMED_PACKET = (byte) 0x81;
    public static final byte SERVER_SHUTTING_DOWN = (byte) 0x8B;
    public static final byte KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
    public static final byte SESSION_TAKEN_OVER = (byte) 0x8E;
    public static final byte TOPIC_NAME_INVALID = (byte) 0x90;
    public static final byte RECEIVE_MAXIMUM_EXCEEDED = (byte) 0x93;
    public static final byte PACKET_TOO_LARGE = (byte) 0x95;
    /** "An implementation or administrative imposed limit has been exceeded" (MQTT 5): the gateway's caps. */
    public static final byte QUOTA_EXCEEDED = (byte) 0x97;
    public static final byte ADMINISTRATIVE_ACTION = (byte) 0x98;
    /** MQTT 3.1.1 SUBACK failure return code. */
    public static final int SUBACK_FAILURE_3 = 0x80;

    private MqttReplies() {
    }

    public static MqttConnAckMessage connAck(MqttConnectReturnCode code, MqttProperties properties) {
        return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).properties(properties).build();
    }

    public static MqttMessage pubAck(int packetId, byte reason) {
        return pubAck(packetId, reason, MqttProperties.NO_PROPERTIES);
    }

    /** PUBACK with MQTT 5 {@code properties} (a reason string, see {@link ReasonStrings}). */
    public static MqttMessage pubAck(int packetId, byte reason, MqttProperties properties) {
        return reply(MqttMessageType.PUBACK, packetId, reason, properties);
    }

    public static MqttMessage pubRec(int packetId, byte reason) {
        return pubRec(packetId, reason, MqttProperties.NO_PROPERTIES);
    }

    public static MqttMessage pubRec(int packetId, byte reason, MqttProperties properties) {
        return reply(MqttMessageType.PUBREC, packetId, reason, properties);
    }

    public static MqttMessage pubComp(int packetId, byte reason) {
        return reply(MqttMessageType.PUBCOMP, packetId, reason, MqttProperties.NO_PROPERTIES);
    }

    private static MqttMessage reply(MqttMessageType type, int packetId, byte reason, MqttProperties properties) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, reason, properties));
    }

    /** SUBACK with one return code per requested filter (granted QoS, 0x80 on 3.1.1 or a 5.0 reason). */
    public static MqttSubAckMessage subAck(int packetId, List<Integer> codes) {
        return new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId), new MqttSubAckPayload(codes));
    }

    public static MqttMessage unsubAck(int packetId, int count, boolean mqtt5) {
        MqttMessageBuilders.UnsubAckBuilder b = MqttMessageBuilders.unsubAck().packetId(packetId);
        if (mqtt5) {
            for (int i = 0; i < count; i++) {
                b.addReasonCode((short) 0x00);
            }
        }
        return b.build();
    }

    public static MqttMessage pingResp() {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0));
    }

    public static MqttMessage disconnect(byte reason) {
        return disconnect(reason, MqttProperties.NO_PROPERTIES);
    }

    public static MqttMessage disconnect(byte reason, MqttProperties properties) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader(reason, properties));
    }

    /** The encoded size of {@link #command}'s PUBLISH: what a device's Maximum Packet Size is compared with. */
    public static int commandBytes(String topic, int payloadBytes, boolean mqtt5) {
        int remaining = 2 + ByteBufUtil.utf8Bytes(topic) + 2 + (mqtt5 ? 1 : 0) + payloadBytes; // topic, id, properties
        int lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
        return 1 + lengthBytes + remaining;
    }

    public static MqttPublishMessage command(String topic, int packetId, byte[] json) {
        return MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_LEAST_ONCE).retained(false)
                .messageId(packetId).payload(Unpooled.wrappedBuffer(json)).build();
    }
}
