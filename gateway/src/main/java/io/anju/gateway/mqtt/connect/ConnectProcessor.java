package io.anju.gateway.mqtt.connect;

import io.anju.common.model.Channel;
import io.anju.gateway.auth.AuthOutcome;
import io.anju.gateway.auth.Authenticator;
import io.anju.gateway.diagnostics.Diagnostics;
import io.anju.gateway.ingest.InboundMessage;
import io.anju.gateway.metrics.GatewayMetrics.ConnectOutcome;
import io.anju.gateway.mqtt.connection.MqttConnection;
import io.anju.gateway.mqtt.connection.MqttLimits;
import io.anju.gateway.mqtt.connection.MqttServices;
import io.anju.gateway.mqtt.publish.TopicAcl;
import io.anju.gateway.mqtt.reply.MqttReplies;
import io.anju.gateway.mqtt.reply.ReasonStrings;
import io.anju.gateway.protect.ReadGate;
import io.anju.gateway.protect.ReadThrottle;
import io.anju.gateway.protect.TokenBucket;
import io.anju.gateway.session.ClientLimits;
import io.anju.gateway.session.DeviceSession;
import io.anju.gateway.tls.PeerCertificates;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;


/**
 * CONNECT and the end of a connection: authentication, the flapping ban, the Will check, session takeover,
 * CONNACK (the keep-alive is the connection handler's); on close, the Will and the session registry. One instance per connection.
 */
public final class ConnectProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectProcessor.class);
    private static final int MQTT_3_1_1 = 4;
    private static final int MQTT_5 = 5;

    private final MqttServices services;
    private boolean refused;

    public ConnectProcessor(MqttServices services) {
        this.services = services;
    }

    /** True once a CONNECT was refused: later packets on the closing connection are ignored. */
    public boolean refusedEarlier() {
        return refused;
    }

    /** Handles the first CONNECT; true if the connection is now established. */
    public boolean connect(MqttConnection conn, MqttConnectMessage msg) {
        ChannelHandlerContext ctx = conn.ctx();
        MqttConnectVariableHeader header = msg.variableHeader();
        MqttConnectPayload payload = msg.payload();
        int version = header.version();
        if (version != MQTT_3_1_1 && version != MQTT_5) {
            refused = true;
            services.metrics().connectAttempt(ConnectOutcome.PROTOCOL_ERROR);
            services.diagnostics().refused(payload.clientIdentifier(), String.valueOf(version), ctx.channel().remoteAddress(),
                    "unsupported_protocol_version", "MQTT protocol level " + version + " (3.1.1 and 5 are supported)");
            ctx.writeAndFlush(MqttReplies.connAck(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION,
                    MqttProperties.NO_PROPERTIES)).addListener(ChannelFutureListener.CLOSE);
            return false;
        }
        boolean mqtt5 = version == MQTT_5;
        conn.setMqtt5(mqtt5);
        ConnectChecks.Refusal refusal = ConnectChecks.refusal(msg, services.limits());
        if (refusal != null) {
            refuse(conn, msg, payload.clientIdentifier(), refusal.code(), refusal.outcome(), refusal.why());
            return false;
        }

        String clientId = payload.clientIdentifier();
        if (clientId != null && clientId.length() > services.limits().maxClientIdLength()) {
            refuse(conn, msg, clientId.substring(0, 16) + "...", AuthOutcome.CLIENT_ID_TOO_LONG,
                    "client id longer than " + services.limits().maxClientIdLength() + " characters");
            return false;
        }
        String cn = PeerCertificates.commonName(ctx.channel()).orElse(null);
        Authenticator.Result auth = services.authenticator().authenticate(payload.clientIdentifier(),
                header.hasUserName() ? payload.userName() : null,
                header.hasPassword() ? payload.passwordInBytes() : null, cn);
        AuthOutcome outcome = auth.outcome();
        String why = switch (outcome) {
            case CLIENT_ID_INVALID -> "client id empty, or not the user name or the certificate CN";
            case BAD_CREDENTIALS -> "unknown device, wrong secret, or a bad, expired or replayed token";
            case NOT_AUTHORIZED -> "device disabled";
            default -> null;
        };
        if (outcome == AuthOutcome.ACCEPTED && header.isWillFlag() && !TopicAcl.will(payload.willTopic(), auth.device())) {
            outcome = AuthOutcome.NOT_AUTHORIZED;
            why = "Will topic '" + payload.willTopic() + "' is not the device's own status topic";
        }
        if (outcome == AuthOutcome.ACCEPTED && !services.flapping().admit(auth.device().id())) {
            outcome = AuthOutcome.BANNED;
            why = "connected too often within a minute (flapping): refused for a while";
        }
        if (outcome != AuthOutcome.ACCEPTED) {
            refuse(conn, msg, payload.clientIdentifier(), outcome, why);
            return false;
        }
        establish(conn, msg, auth);
        return true;
    }

    /** Refuses a CONNECT for who sent it (credentials, a disabled device, a ban). */
    private void refuse(MqttConnection conn, MqttConnectMessage msg, String clientId, AuthOutcome outcome, String why) {
        ConnectOutcome counted = switch (outcome) {
            case CLIENT_ID_INVALID, CLIENT_ID_TOO_LONG -> ConnectOutcome.CLIENT_ID_INVALID;
            case BAD_CREDENTIALS -> ConnectOutcome.BAD_CREDENTIALS;
            case NOT_AUTHORIZED -> ConnectOutcome.NOT_AUTHORIZED;
            case BANNED -> ConnectOutcome.BANNED;
            case ACCEPTED -> throw new IllegalArgumentException("not a refusal");
        };
        refuse(conn, msg, clientId, outcome.connAckCode(conn.isMqtt5()), counted, why);
    }

    /**
     * Sends the refusing CONNACK (on MQTT 5 with {@code why} as its reason string) and closes; counts it and reports
     * it to the diagnostic stream under its metric outcome's name.
     */
    private void refuse(MqttConnection conn, MqttConnectMessage msg, String clientId, MqttConnectReturnCode code,
                        ConnectOutcome outcome, String why) {
        refused = true;
        LOG.info("CONNECT refused for client id '{}' from {}: {}", clientId, conn.ctx().channel().remoteAddress(), why);
        services.metrics().connectAttempt(outcome);
        services.diagnostics().refused(clientId, Diagnostics.protocol(conn.isMqtt5()), conn.ctx().channel().remoteAddress(),
                outcome.name().toLowerCase(Locale.ROOT), why);
        MqttProperties properties = conn.isMqtt5()
                ? conn.reasonStrings().of(why, ReasonStrings.CONNACK_BASE, ConnectChecks.clientLimits(msg).maximumPacketSize())
                : MqttProperties.NO_PROPERTIES;
        conn.ctx().writeAndFlush(MqttReplies.connAck(code, properties)).addListener(ChannelFutureListener.CLOSE);
    }

    private void establish(MqttConnection conn, MqttConnectMessage msg, Authenticator.Result auth) {
        ChannelHandlerContext ctx = conn.ctx();
        MqttConnectVariableHeader header = msg.variableHeader();
        MqttConnectPayload payload = msg.payload();
        DeviceSession session = new DeviceSession(ctx.channel(), auth.device(), conn.isMqtt5(),
                conn.isMqtt5() ? ConnectChecks.clientLimits(msg) : ClientLimits.UNANNOUNCED);
        MqttConnection.Will will = header.isWillFlag()
                ? new MqttConnection.Will(payload.willTopic(), payload.willMessageInBytes(), header.willQos())
                : null;
        MqttLimits limits = services.limits();
        conn.established(session,
                throttle(conn, limits.messagesPerSecond(), limits.messageBurst(), ReadGate.Reason.RATE_LIMIT),
                throttle(conn, limits.controlPacketsPerSecond(), limits.controlPacketBurst(), ReadGate.Reason.CONTROL_RATE),
                will);
        services.sessions().register(session).ifPresent(older -> {
            LOG.info("device {} connected again from {}: closing its older connection", session.deviceId(),
                    ctx.channel().remoteAddress());
            older.disconnect(MqttReplies.SESSION_TAKEN_OVER);
        });
        services.metrics().connected();
        services.metrics().connectAttempt(ConnectOutcome.ACCEPTED);
        services.diagnostics().connected(session.deviceId(), conn.isMqtt5(), ctx.channel().remoteAddress(),
                header.keepAliveTimeSeconds());
        ctx.writeAndFlush(MqttReplies.connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED,
                conn.isMqtt5() ? connAckProperties() : MqttProperties.NO_PROPERTIES), ctx.voidPromise());
        LOG.debug("device {} connected (MQTT {})", session.deviceId(), conn.isMqtt5() ? "5.0" : "3.1.1");
    }

    /** Why an established connection ended, as the diagnostic stream tells it. */
    private MqttConnection.Ending ending(MqttConnection conn, boolean current) {
        if (conn.ending() != null) {
            return conn.ending();
        }
        if (!current) {
            return new MqttConnection.Ending("taken_over", "the device connected again: its newer connection took over");
        }
        if (conn.session().revoked()) {
            return new MqttConnection.Ending("registry_withdrawn",
                    "the registry disabled or removed the device (administrative action)");
        }
        if (services.sessions().isShuttingDown()) {
            return new MqttConnection.Ending("server_shutdown", "the gateway is shutting down");
        }
        return new MqttConnection.Ending("connection_lost", "the connection closed without DISCONNECT");
    }

    private ReadThrottle throttle(MqttConnection conn, int perSecond, int burst, ReadGate.Reason reason) {
        return new ReadThrottle(new TokenBucket(perSecond, burst, services.nanoClock()), conn.gate(), reason,
                conn.ctx().executor());
    }

    private MqttProperties connAckProperties() {
        return new MqttMessageBuilders.ConnAckPropertiesBuilder()
                .maximumPacketSize(services.limits().maxPacketBytes())
                .receiveMaximum(services.limits().inflightPerConnection())
                .retainAvailable(false)
                .wildcardSubscriptionAvailable(false)
                .sharedSubscriptionAvailable(false)
                .subscriptionIdentifiersAvailable(false)
                .topicAliasMaximum(0)
                .build();
    }

    /**
     * The connection ended. Unregisters its session; after an abnormal end (no clean DISCONNECT) of a session that
     * was not taken over, not revoked by the registry and not closed by the gateway's own shutdown, hands the Will to
     * ingest as a STATUS message of the device.
     */
    public void closed(MqttConnection conn, boolean cleanDisconnect) {
        DeviceSession session = conn.session();
        if (session == null) {
            return;
        }
        boolean current = services.sessions().session(session.deviceId()).orElse(null) == session;
        MqttConnection.Ending ending = ending(conn, current);
        services.diagnostics().disconnected(session.deviceId(), conn.isMqtt5(), conn.ctx().channel().remoteAddress(),
                ending.code(), ending.why());
        services.sessions().unregister(session);
        session.connectionClosed();
        services.metrics().disconnected();
        MqttConnection.Will will = conn.will();
        if (will == null || cleanDisconnect || !current || session.revoked() || services.sessions().isShuttingDown()) {
            return;
        }
        LOG.debug("device {} dropped without DISCONNECT: publishing its Will", session.deviceId());
        InboundMessage message = new InboundMessage(session.device(), Channel.STATUS, null, will.payload(),
                services.receiveClock().getAsLong(), Math.min(will.qos(), 1));
        try {
            services.ingest().accept(message).whenComplete((r, e) -> {
                if (e != null) {
                    LOG.warn("Will of device {} not taken by ingest: {}", session.deviceId(), e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Will of device {} not taken by ingest: {}", session.deviceId(), e.toString());
        }
    }
}
