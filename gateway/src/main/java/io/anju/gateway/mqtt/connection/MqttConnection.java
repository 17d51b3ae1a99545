package io.anju.gateway.mqtt.connection;

import io.anju.common.model.Device;
import io.anju.gateway.mqtt.reply.MqttReplies;
import io.anju.gateway.mqtt.reply.ReasonStrings;
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
 * in-flight count, QoS 2 packet ids, topic filters received, the Will, and why it ends (for the diagnostic stream).
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

    /** Why a connection ended: a stable code and plain words. */
    public record Ending(String code, String why) {
    }

    private final ChannelHandlerContext ctx;
    private final ReadGate gate;
    private final ReasonStrings reasonStrings;
    /** Created by the first QoS 2 PUBLISH: most devices never use QoS 2, and an idle connection should stay small. */
    private Map<Integer, Qos2State> qos2;
    private boolean mqtt5;
    private DeviceSession session;
    private ReadThrottle messageRate;
    private ReadThrottle controlRate;
    private Will will;
    private int inflight;
    private int topicFilters;
    private Ending ending;

    public MqttConnection(ChannelHandlerContext ctx, ReadGate gate, ReasonStrings reasonStrings) {
        this.ctx = ctx;
        this.gate = gate;
        this.reasonStrings = reasonStrings;
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

    /**
     * Closes the connection, on MQTT 5 after a DISCONNECT with {@code reason} and {@code why} as its reason string;
     * {@code code} and {@code why} are the {@link #ending}.
     */
    public void close(byte reason, String code, String why) {
        endsBecause(code, why);
        if (mqtt5 && session != null && ctx.channel().isActive()) {
            ctx.writeAndFlush(MqttReplies.disconnect(reason, reasonStrings.of(why, ReasonStrings.DISCONNECT_BASE,
                    session.clientLimits().maximumPacketSize()))).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    /** Closes the connection without a word to the device (MQTT 3.1.1, or a device that does not read). */
    public void closeSilently(String code, String why) {
        endsBecause(code, why);
        ctx.close();
    }

    /** Notes why the connection ends; the first reason given is the one kept. */
    public void endsBecause(String code, String why) {
        if (ending == null) {
            ending = new Ending(code, why);
        }
    }

    /** Why the connection ended, or null when the gateway did not end it and the device sent no DISCONNECT. */
    public Ending ending() {
        return ending;
    }

    public ReasonStrings reasonStrings() {
        return reasonStrings;
    }
}
