package io.anju.gateway.mqtt.connection;

import io.anju.common.model.Device;
import io.anju.gateway.mqtt.reply.MqttReplies;
import io.anju.gateway.protect.ReadGate;
import io.anju.gateway.protect.ReadThrottle;
import io.anju.gateway.session.DeviceSession;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;

import java.util.HashMap;
import java.util.Map;

/**
 * The state of one device connection, confined to its event loop: version, session, read gate, rate limits,
 * in-flight count, QoS 2 packet ids, topic filters received and the Will.
 */
public final class MqttConnection {

    /** Where a QoS 2 packet id stands between PUBLISH and PUBREL. */
    public enum Qos2State {
        /** Handed to ingest, PUBREC not yet sent: a duplicate PUBLISH is ignored. */
        INGESTING,
        /** PUBREC sent, waiting for PUBREL: a duplicate PUBLISH gets the PUBREC again. */
        RECEIVED
    }

    /** The Will set in CONNECT. */
    public record Will(String topic, byte[] payload, int qos) {
    }

    private final ChannelHandlerContext ctx;
    private final ReadGate gate;
    /** Created by the first QoS 2 PUBLISH: most devices never use QoS 2, and an idle connection should stay small. */
    private Map<Integer, Qos2State> qos2;
    private boolean mqtt5;
    private DeviceSession session;
    private ReadThrottle messageRate;
    private ReadThrottle controlRate;
    private Will will;
    private int inflight;
    private int topicFilters;

    public MqttConnection(ChannelHandlerContext ctx, ReadGate gate) {
        this.ctx = ctx;
        this.gate = gate;
    }

    public ChannelHandlerContext ctx() {
        return ctx;
    }

    public ReadGate gate() {
        return gate;
    }

    public boolean isMqtt5() {
        return mqtt5;
    }

    public void setMqtt5(boolean value) {
        this.mqtt5 = value;
    }

    public DeviceSession session() {
        return session;
    }

    public Device device() {
        return session.device();
    }

    /** CONNECT accepted: {@code messages} limits PUBLISH, {@code control} every other packet that costs work. */
    public void established(DeviceSession s, ReadThrottle messages, ReadThrottle control, Will w) {
        this.session = s;
        this.messageRate = messages;
        this.controlRate = control;
        this.will = w;
    }

    public ReadThrottle messageRate() {
        return messageRate;
    }

    public ReadThrottle controlRate() {
        return controlRate;
    }

    /** Adds {@code count} topic filters (SUBSCRIBE, UNSUBSCRIBE) to this connection's total; returns the new total. */
    public int addTopicFilters(int count) {
        topicFilters += count;
        return topicFilters;
    }

    public Will will() {
        return will;
    }

    public void discardWill() {
        will = null;
    }

    public Map<Integer, Qos2State> qos2() {
        if (qos2 == null) {
            qos2 = new HashMap<>(4);
        }
        return qos2;
    }

    public int inflight() {
        return inflight;
    }

    public int incrementInflight() {
        return ++inflight;
    }

    public int decrementInflight() {
        return --inflight;
    }

    public boolean isActive() {
        return ctx.channel().isActive();
    }

    public void send(MqttMessage message) {
        ctx.writeAndFlush(message, ctx.voidPromise());
    }

    /** Closes the connection, on MQTT 5 after a DISCONNECT with {@code reason}. */
    public void close(byte reason) {
        if (mqtt5 && session != null && ctx.channel().isActive()) {
            ctx.writeAndFlush(MqttReplies.disconnect(reason)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
