package io.anju.gateway.mqtt;

import io.anju.gateway.metrics.GatewayMetrics.ConnectOutcome;
import io.anju.gateway.metrics.GatewayMetrics.Limit;
import io.anju.gateway.mqtt.connect.ConnectProcessor;
import io.anju.gateway.mqtt.connection.MqttConnection;
import io.anju.gateway.mqtt.connection.MqttServices;
import io.anju.gateway.mqtt.connection.PacketProperties;
import io.anju.gateway.mqtt.publish.PublishProcessor;
import io.anju.gateway.mqtt.publish.SubscribeProcessor;
import io.anju.gateway.mqtt.reply.MqttReplies;
import io.anju.gateway.protect.AcceptGuard;
import io.anju.gateway.protect.ReadGate;
import io.anju.gateway.protect.UnwritableWatch;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The protocol dispatcher of one device connection: rejects failed decodes and oversize packets at the front door,
 * insists on CONNECT first and only once, caps user properties, counts what is not PUBLISH against the control rate,
 * and hands each packet type to its processor.
 */
public final class MqttConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);
    /** MQTT 5 DISCONNECT reason the device sends to ask for its Will to be published anyway. */
    private static final byte DISCONNECT_WITH_WILL = 0x04;

    private final MqttServices services;
    private final ConnectProcessor connects;
    private final PublishProcessor publishes;
    private final SubscribeProcessor subscribes;
    private final PacketSizeGuard sizeGuard;
    private MqttConnection connection;
    private UnwritableWatch unwritable;
    /** Before CONNECT the connect timeout, after it the keep-alive check (one timer per connection, no extra handler). */
    private ScheduledFuture<?> timer;
    private long keepAliveNanos;
    private int keepAliveSeconds;
    private long lastReadNanos;
    private boolean cleanDisconnect;

    MqttConnectionHandler(MqttServices services, PacketSizeGuard sizeGuard) {
        this.services = services;
        this.sizeGuard = sizeGuard;
        this.connects = new ConnectProcessor(services);
        this.publishes = new PublishProcessor(services);
        this.subscribes = new SubscribeProcessor(services);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ReadGate gate = new ReadGate(ctx.channel(), services.metrics()::pausedDelta);
        connection = new MqttConnection(ctx, gate, services.reasonStrings());
        unwritable = new UnwritableWatch(ctx.channel(), gate, services.limits().unwritableTimeout(), () -> {
            LOG.info("closing {}: sent nothing read for {}", ctx.channel().remoteAddress(), services.limits().unwritableTimeout());
            services.metrics().limitHit(Limit.UNWRITABLE);
            // a DISCONNECT would only queue behind what the device does not read
            connection.closeSilently("unwritable", "left what the gateway sent unread for " + services.limits().unwritableTimeout());
        });
        services.sessions().track(ctx.channel(), gate);
        timer = ctx.executor().schedule(() -> {
            if (connection.session() == null && ctx.channel().isActive()) {
                LOG.debug("no CONNECT from {} within {}", ctx.channel().remoteAddress(), services.limits().connectTimeout());
                services.metrics().connectAttempt(ConnectOutcome.TIMEOUT);
                services.diagnostics().refused(null, null, ctx.channel().remoteAddress(), "timeout",
                        "no CONNECT within " + services.limits().connectTimeout());
                ctx.close();
            }
        }, services.limits().connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connection == null) {
            // refused at accept (the accept guard never let channelActive through)
            super.channelInactive(ctx);
            return;
        }
        cancelTimer();
        unwritable.cancel();
        services.sessions().untrack(ctx.channel());
        connection.gate().release();
        connects.closed(connection, cleanDisconnect);
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof MqttMessage m)) {
                ctx.close();
                return;
            }
            if (m.decoderResult().isFailure()) {
                rejectUndecodable(m);
                return;
            }
            if (connection.session() == null) {
                beforeConnect(ctx, m);
            } else if (withinPropertyCap(m)) {
                dispatch(m);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void rejectUndecodable(MqttMessage m) {
        Throwable cause = m.decoderResult().cause();
        LOG.debug("closing {}: undecodable packet ({})", connection.ctx().channel().remoteAddress(), cause.toString());
        if (connection.session() == null) {
            services.metrics().connectAttempt(ConnectOutcome.PROTOCOL_ERROR);
            MqttConnectVariableHeader connect = m.variableHeader() instanceof MqttConnectVariableHeader h ? h : null;
            services.diagnostics().refused(null, connect == null ? null : protocol(connect.version()),
                    connection.ctx().channel().remoteAddress(), "protocol_error",
                    "malformed " + typeOf(m) + ": " + cause.getMessage());
            MqttConnectReturnCode refusal = connectRefusal(m, cause);
            if (refusal != null) {
                connection.ctx().writeAndFlush(MqttReplies.connAck(refusal, MqttProperties.NO_PROPERTIES))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        String why = "malformed " + typeOf(m) + ": " + cause.getMessage();
        if (isWildcardTopic(cause)) {
            connection.close(MqttReplies.PROTOCOL_ERROR, "protocol_error", why);
        } else {
            connection.close(MqttReplies.MALFORMED_PACKET, "malformed_packet", why);
        }
    }

    /** A CONNECT the decoder refused for its version or client id still gets a CONNACK saying why. */
    private static MqttConnectReturnCode connectRefusal(MqttMessage m, Throwable cause) {
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            return MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION;
        }
        if (cause instanceof MqttIdentifierRejectedException && m.variableHeader() instanceof MqttConnectVariableHeader h) {
            return h.version() == 5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                    : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
        }
        return null;
    }

    /** Netty's decoder refuses wildcards in PUBLISH topics itself; the protocol calls that a protocol error. */
    private static boolean isWildcardTopic(Throwable cause) {
        String text = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return text.contains("publish topic") || text.contains("wildcard");
    }

    private void beforeConnect(ChannelHandlerContext ctx, MqttMessage m) {
        if (!(m instanceof MqttConnectMessage connect)) {
            LOG.debug("closing {}: first packet is {}, not CONNECT", ctx.channel().remoteAddress(), m.fixedHeader().messageType());
            services.metrics().connectAttempt(ConnectOutcome.PROTOCOL_ERROR);
            services.diagnostics().refused(null, null, ctx.channel().remoteAddress(), "protocol_error",
                    "first packet was " + m.fixedHeader().messageType() + ", not CONNECT");
            ctx.close();
            return;
        }
        if (!ctx.channel().isActive() || connects.refusedEarlier()) {
            return;
        }
        if (connects.connect(connection, connect)) {
            cancelTimer();
            sizeGuard.authenticated(connection.isMqtt5());
            AcceptGuard.preAuthEnded(ctx.channel());
            startKeepAlive(ctx, connect.variableHeader().keepAliveTimeSeconds());
        }
    }

    /** User properties are decoded before anyone can count them; more than the cap close the connection. */
    private boolean withinPropertyCap(MqttMessage m) {
        int repeated = PacketProperties.repeated(m);
        if (repeated <= services.limits().maxUserProperties()) {
            return true;
        }
        LOG.info("closing device {}: {} with {} user properties (at most {})", connection.device().id(),
                m.fixedHeader().messageType(), repeated, services.limits().maxUserProperties());
        services.metrics().limitHit(Limit.USER_PROPERTIES);
        connection.close(MqttReplies.QUOTA_EXCEEDED, "quota_exceeded", m.fixedHeader().messageType() + " with " + repeated
                + " user properties (at most " + services.limits().maxUserProperties() + ")");
        return false;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof PacketSizeGuard.Oversize oversize) {
            LOG.info("closing {}: packet of type {} announced {} of {} bytes (at most {})", ctx.channel().remoteAddress(),
                    oversize.type(), oversize.part(), oversize.bytes(), oversize.limit());
            String why = "packet of type " + oversize.type() + " announced " + (oversize.part() == PacketSizeGuard.Part.PACKET
                    ? "" : "properties of ") + oversize.bytes() + " bytes (at most " + oversize.limit() + ")";
            if (connection.session() == null) {
                services.metrics().connectAttempt(ConnectOutcome.TOO_LARGE);
                services.diagnostics().refused(null, null, ctx.channel().remoteAddress(), "too_large", why);
            }
            boolean properties = oversize.part() == PacketSizeGuard.Part.PUBLISH_PROPERTIES;
            services.metrics().limitHit(properties ? Limit.USER_PROPERTIES : Limit.PACKET_SIZE);
            if (properties) {
                connection.close(MqttReplies.QUOTA_EXCEEDED, "quota_exceeded", why);
            } else {
                connection.close(MqttReplies.PACKET_TOO_LARGE, "packet_too_large", why);
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (unwritable != null) {
            unwritable.writabilityChanged();
        }
        super.channelWritabilityChanged(ctx);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** A connection silent for keep-alive x factor is closed (keep-alive 0 means none, as MQTT defines). */
    private void startKeepAlive(ChannelHandlerContext ctx, int keepAliveSeconds) {
        if (keepAliveSeconds <= 0) {
            return;
        }
        this.keepAliveSeconds = keepAliveSeconds;
        keepAliveNanos = (long) (TimeUnit.SECONDS.toNanos(keepAliveSeconds) * services.limits().keepAliveFactor());
        lastReadNanos = ctx.executor().ticker().nanoTime();
        timer = ctx.executor().schedule(() -> checkKeepAlive(ctx), keepAliveNanos, TimeUnit.NANOSECONDS);
    }

    private void checkKeepAlive(ChannelHandlerContext ctx) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        long now = ctx.executor().ticker().nanoTime();
        if (connection.gate().isPaused()) {
            // The gateway is not reading this socket (Kafka's backpressure, a rate limit): the silence is ours, not the
            // device's. Closing would send its Will and start a reconnect storm; its clock starts again on resume.
            lastReadNanos = now;
            timer = ctx.executor().schedule(() -> checkKeepAlive(ctx), keepAliveNanos, TimeUnit.NANOSECONDS);
            return;
        }
        long silent = now - lastReadNanos;
        if (silent >= keepAliveNanos) {
            timer = null;
            LOG.debug("closing {}: silent for {} x keep-alive", connection.device().id(), services.limits().keepAliveFactor());
            connection.close(MqttReplies.KEEP_ALIVE_TIMEOUT, "keep_alive_timeout", "nothing received for "
                    + services.limits().keepAliveFactor() + " x the keep-alive of " + keepAliveSeconds + " s");
            return;
        }
        timer = ctx.executor().schedule(() -> checkKeepAlive(ctx), keepAliveNanos - silent, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (keepAliveNanos > 0) {
            lastReadNanos = ctx.executor().ticker().nanoTime();
        }
        super.channelReadComplete(ctx);
    }

    /**
     * PUBLISH has its own rate; PUBREL and PUBACK are bounded by what they release (the QoS 2 ids and commands in
     * flight); everything else that costs work, and a PUBREL or PUBACK that releases nothing, counts against the
     * control rate.
     */
    private void dispatch(MqttMessage m) {
        switch (m.fixedHeader().messageType()) {
            case PUBLISH -> publishes.publish(connection, (MqttPublishMessage) m);
            case PUBREL -> {
                if (!publishes.release(connection, packetId(m))) {
                    countControlPacket();
                }
            }
            case PUBACK -> {
                if (!connection.session().onPubAck(packetId(m))) {
                    countControlPacket();
                }
            }
            case SUBSCRIBE -> {
                countControlPacket();
                subscribes.subscribe(connection, (MqttSubscribeMessage) m);
            }
            case UNSUBSCRIBE -> {
                countControlPacket();
                subscribes.unsubscribe(connection, (MqttUnsubscribeMessage) m);
            }
            case PINGREQ -> {
                countControlPacket();
                connection.send(MqttReplies.pingResp());
            }
            case DISCONNECT -> disconnect(m);
            default -> {
                // a second CONNECT, AUTH, or a packet only servers send
                LOG.debug("closing {}: unexpected {}", connection.device().id(), m.fixedHeader().messageType());
                connection.close(MqttReplies.PROTOCOL_ERROR, "protocol_error", "unexpected " + m.fixedHeader().messageType());
            }
        }
    }

    /** Over the rate the packet is still answered, but the socket is not read until a token is back. */
    private void countControlPacket() {
        if (!connection.controlRate().take()) {
            services.metrics().limitHit(Limit.CONTROL_RATE);
        }
    }

    private void disconnect(MqttMessage m) {
        boolean keepWill = m.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h
                && h.reasonCode() == DISCONNECT_WITH_WILL;
        cleanDisconnect = !keepWill;
        connection.closeSilently(keepWill ? "client_disconnect_with_will" : "client_disconnect",
                keepWill ? "DISCONNECT from the device, asking for its Will" : "DISCONNECT from the device");
    }

    /** The packet type of an undecodable packet, when the decoder got as far as its fixed header. */
    private static String typeOf(MqttMessage m) {
        return m.fixedHeader() == null ? "packet" : m.fixedHeader().messageType().toString();
    }

    private static String protocol(int version) {
        return switch (version) {
            case 4 -> "3.1.1";
            case 5 -> "5";
            case 3 -> "3.1";
            default -> String.valueOf(version);
        };
    }

    private static int packetId(MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException || cause instanceof IOException) {
            // Bytes that are not MQTT, a reset connection: the device's doing.
            LOG.debug("closing {} after error: {}", ctx.channel().remoteAddress(), cause.toString());
            if (connection != null) {
                connection.endsBecause(cause instanceof IOException ? "connection_lost" : "malformed_packet", cause.getMessage());
            }
        } else {
            // Anything else is ours: say so, with the stack.
            LOG.warn("closing {} after an unexpected error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
