package io.anju.gateway.mqtt.publish;

import io.anju.gateway.ingest.InboundMessage;
import io.anju.gateway.ingest.IngestResult;
import io.anju.gateway.metrics.GatewayMetrics.Limit;
import io.anju.gateway.metrics.GatewayMetrics.MessageStatus;
import io.anju.gateway.mqtt.connection.MqttConnection.Qos2State;
import io.anju.gateway.mqtt.connection.MqttConnection;
import io.anju.gateway.mqtt.connection.MqttServices;
import io.anju.gateway.mqtt.reply.MqttReplies;
import io.anju.gateway.mqtt.reply.ReasonStrings;
import io.anju.gateway.protect.ReadGate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * PUBLISH and PUBREL from a device: rate limit, topic ACL, hand-off to ingest, and the acknowledgement only
 * after ingest's outcome is final (PUBACK for QoS 1, PUBREC/PUBREL/PUBCOMP for QoS 2). Acks go out in
 * completion order, which MQTT allows for different packet ids.
 */
public final class PublishProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(PublishProcessor.class);
    /** MQTT 5 DISCONNECT reason 0x89 Server busy: the log cannot take messages now, the device should come back. */
    private static final byte SERVER_BUSY = (byte) 0x89;

    private final MqttServices services;

    public PublishProcessor(MqttServices services) {
        this.services = services;
    }

    public void publish(MqttConnection conn, MqttPublishMessage msg) {
        long receivedNanos = services.nanoClock().getAsLong();
        String type = conn.device().type().wireName();
        String topic = msg.variableHeader().topicName();
        throttleIfNeeded(conn, type);

        int qos = msg.fixedHeader().qosLevel().value();
        int packetId = msg.variableHeader().packetId();
        TopicAcl.Decision decision = TopicAcl.publish(topic, conn.device());
        if (decision instanceof TopicAcl.ProtocolError error) {
            LOG.info("closing device {}: {}", conn.device().id(), error.why());
            services.metrics().message(type, MessageStatus.UNAUTHORIZED);
            conn.close(MqttReplies.PROTOCOL_ERROR, "protocol_error", error.why());
            return;
        }
        if (decision instanceof TopicAcl.Denied denied) {
            deny(conn, type, topic, qos, packetId, denied.why());
            return;
        }
        TopicAcl.Allowed allowed = (TopicAcl.Allowed) decision;
        if (qos == 2) {
            Qos2State state = conn.qos2().get(packetId);
            if (state == Qos2State.RECEIVED) {
                conn.send(MqttReplies.pubRec(packetId, MqttReplies.SUCCESS)); // duplicate: ack again, do not ingest
                return;
            }
            if (state == Qos2State.INGESTING) {
                return; // duplicate of one still in ingest: its PUBREC follows
            }
            if (conn.qos2().size() >= services.limits().inflightPerConnection()) {
                // more unreleased than the Receive Maximum announced: the device ignores it (MQTT 5, 3.3.4)
                LOG.info("closing device {}: more than {} QoS 2 packet ids unreleased", conn.device().id(),
                        services.limits().inflightPerConnection());
                services.metrics().limitHit(Limit.RECEIVE_MAXIMUM);
                conn.close(MqttReplies.RECEIVE_MAXIMUM_EXCEEDED, "receive_maximum_exceeded", "more than "
                        + services.limits().inflightPerConnection() + " QoS 2 packet ids unreleased");
                return;
            }
            conn.qos2().put(packetId, Qos2State.INGESTING);
        }
        ByteBuf content = msg.payload();
        byte[] payload = ByteBufUtil.getBytes(content);
        services.metrics().bytesIn(payload.length);
        InboundMessage inbound = new InboundMessage(conn.device(), allowed.channel(), allowed.snapshotId(), payload,
                services.receiveClock().getAsLong(), Math.min(qos, 1));

        if (conn.incrementInflight() > services.limits().inflightPerConnection()) {
            conn.gate().pause(ReadGate.Reason.INFLIGHT);
        }
        CompletionStage<IngestResult> stage;
        try {
            stage = services.ingest().accept(inbound);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((result, error) -> conn.ctx().executor().execute(() -> {
            IngestResult r = error != null ? new IngestResult.Unavailable(error.toString()) : result;
            completed(conn, type, topic, inbound, qos, packetId, r, receivedNanos);
        }));
    }

    private void throttleIfNeeded(MqttConnection conn, String type) {
        // over the rate: this message is still processed, but the socket is not read until a token is back
        if (!conn.messageRate().take()) {
            services.metrics().message(type, MessageStatus.THROTTLED);
        }
    }

    private void deny(MqttConnection conn, String type, String topic, int qos, int packetId, String why) {
        services.metrics().message(type, MessageStatus.UNAUTHORIZED);
        services.diagnostics().publishRefused(conn.device().id(), topic, why);
        if (!conn.isMqtt5()) {
            LOG.info("closing device {} (MQTT 3.1.1): publish refused, {}", conn.device().id(), why);
            conn.closeSilently("publish_refused", "publish refused: " + why);
            return;
        }
        LOG.debug("device {}: publish refused, {}", conn.device().id(), why);
        if (qos == 1) {
            conn.send(MqttReplies.pubAck(packetId, MqttReplies.NOT_AUTHORIZED, reasonString(conn, why)));
        } else if (qos == 2) {
            conn.send(MqttReplies.pubRec(packetId, MqttReplies.NOT_AUTHORIZED, reasonString(conn, why)));
        }
    }

    private void completed(MqttConnection conn, String type, String topic, InboundMessage inbound, int qos, int packetId,
                           IngestResult result, long receivedNanos) {
        if (conn.decrementInflight() <= services.limits().inflightPerConnection() / 2) {
            conn.gate().resume(ReadGate.Reason.INFLIGHT);
        }
        if (result instanceof IngestResult.Quarantined q) {
            // told even when the device is gone: the payload is in quarantine either way
            services.diagnostics().payloadRejected(inbound.receivedAt(), conn.device().id(), topic, q.reason(),
                    inbound.payload());
        }
        if (!conn.isActive()) {
            return; // the device resends what was not acknowledged
        }
        if (result instanceof IngestResult.Accepted) {
            services.metrics().message(type, MessageStatus.FORWARDED);
            acknowledge(conn, qos, packetId, MqttReplies.SUCCESS, null, receivedNanos);
        } else if (result instanceof IngestResult.Quarantined q) {
            services.metrics().message(type, MessageStatus.QUARANTINED);
            acknowledge(conn, qos, packetId, MqttReplies.PAYLOAD_FORMAT_INVALID, q.reason(), receivedNanos);
        } else {
            String reason = result instanceof IngestResult.Unavailable u ? u.reason() : String.valueOf(result);
            services.metrics().message(type, MessageStatus.UNAVAILABLE);
            LOG.warn("closing device {} without acknowledging: log unavailable ({})", conn.device().id(), reason);
            conn.qos2().remove(packetId);
            conn.close(SERVER_BUSY, "server_busy", "the gateway's log cannot take messages now: come back later");
        }
    }

    /** The MQTT 5 reason string {@code why} for a PUBACK or PUBREC to {@code conn}, when it should have one. */
    private static MqttProperties reasonString(MqttConnection conn, String why) {
        if (!conn.isMqtt5() || why == null) {
            return MqttProperties.NO_PROPERTIES;
        }
        return conn.reasonStrings().of(why, ReasonStrings.PUB_REPLY_BASE, conn.session().clientLimits().maximumPacketSize());
    }

    private void acknowledge(MqttConnection conn, int qos, int packetId, byte reason, String why, long receivedNanos) {
        if (qos == 0) {
            return;
        }
        if (qos == 1) {
            conn.send(MqttReplies.pubAck(packetId, reason, reasonString(conn, why)));
        } else {
            // MQTT 5: a PUBREC reason >= 0x80 ends the exchange, no PUBREL follows
            if (conn.isMqtt5() && (reason & 0xFF) >= 0x80) {
                conn.qos2().remove(packetId);
            } else {
                conn.qos2().put(packetId, Qos2State.RECEIVED);
            }
            conn.send(MqttReplies.pubRec(packetId, reason, reasonString(conn, why)));
        }
        services.metrics().pubackLatency(services.nanoClock().getAsLong() - receivedNanos);
    }

    /**
     * PUBREL: the device releases a QoS 2 packet id; answered with PUBCOMP. False when the id was not held (answered
     * "not found"), so that the caller can count it as a packet that releases nothing.
     */
    public boolean release(MqttConnection conn, int packetId) {
        Qos2State state = conn.qos2().get(packetId);
        if (state == Qos2State.INGESTING) {
            LOG.info("closing device {}: PUBREL {} before PUBREC", conn.device().id(), packetId);
            conn.close(MqttReplies.PROTOCOL_ERROR, "protocol_error", "PUBREL " + packetId + " before PUBREC");
            return true;
        }
        conn.qos2().remove(packetId);
        conn.send(MqttReplies.pubComp(packetId, state == null ? MqttReplies.PACKET_ID_NOT_FOUND : MqttReplies.SUCCESS));
        return state != null;
    }
}
