package io.anju.sim.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One MQTT 3.1.1 connection of the Netty load client: CONNECT on activation, pipelined QoS 1 publishes with
 * packet ids and send times tracked per id, PUBACK latency recorded, PINGREQ when idle for the keep-alive.
 */
final class NettyLoadConnection extends ChannelInboundHandlerAdapter {
    static final int KEEP_ALIVE_S = 60;

    private final LoadTarget target;
    private final LoadSettings settings;
    private final LoadStats stats;
    private final long connectStartNanos;
    /** Send time by packet id (0 = free); ids cycle over 1..length-1, twice the window, so idle runs stay small. */
    private final long[] sentAtNanos;
    final AtomicInteger inFlight = new AtomicInteger();
    final CompletableFuture<Boolean> connected = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile boolean up;
    private int nextId = 1;
    private long seq;

    /** {@code connectStartNanos}: when the TCP connect began (the start of its CONNACK latency). */
    NettyLoadConnection(LoadTarget target, LoadSettings settings, LoadStats stats, long connectStartNanos) {
        this.target = target;
        this.settings = settings;
        this.stats = stats;
        this.connectStartNanos = connectStartNanos;
        this.sentAtNanos = new long[Math.min(65_535, Math.max(16, 2 * settings.window())) + 1];
    }

    boolean isUp() {
        return up;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        stats.recordTcpConnected(connectStartNanos, System.nanoTime());
        channel = ctx.channel();
        ctx.writeAndFlush(MqttMessageBuilders.connect()
                .clientId(target.deviceId())
                .username(target.deviceId())
                .password(target.secret().getBytes(StandardCharsets.UTF_8))
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .cleanSession(true)
                .keepAlive(KEEP_ALIVE_S)
                .build());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof MqttMessage m) || m.decoderResult().isFailure() || m.fixedHeader() == null) {
                ctx.close();
                return;
            }
            MqttMessageType type = m.fixedHeader().messageType();
            if (type == MqttMessageType.CONNACK) {
                MqttConnectReturnCode code = ((MqttConnAckMessage) m).variableHeader().connectReturnCode();
                if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                    up = true;
                    stats.recordConnected(connectStartNanos, System.nanoTime());
                    connected.complete(true);
                } else {
                    stats.recordRefused();
                    connected.complete(false);
                    ctx.close();
                }
            } else if (type == MqttMessageType.PUBACK) {
                int id = ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
                long at = id < sentAtNanos.length ? sentAtNanos[id] : 0;
                if (at != 0) {
                    sentAtNanos[id] = 0;
                    inFlight.decrementAndGet();
                    stats.recordAck(at, System.nanoTime());
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Runs on the channel's event loop: writes up to {@code count} publishes and flushes once. QoS 0 stops early when
     * the socket's write buffer is full, so a gateway that reads slower than we send is never buried in our memory.
     */
    void publishBatch(int count) {
        Channel ch = channel;
        if (ch == null || !up) {
            inFlight.addAndGet(settings.qos() == 1 ? -count : 0);
            return;
        }
        boolean qos1 = settings.qos() == 1;
        for (int i = 0; i < count; i++) {
            // QoS 0 has no window: TCP backpressure (the channel's write buffer) is its only bound.
            if (!qos1 && !ch.isWritable()) {
                break;
            }
            int id = 0;
            if (qos1) {
                id = nextFreeId();
                if (id < 0) {
                    inFlight.addAndGet(-(count - i));
                    break;
                }
                sentAtNanos[id] = System.nanoTime();
            }
            long n = seq++;
            byte[] payload = LoadPayloads.build(settings, target.deviceId(), System.currentTimeMillis(), n);
            ch.write(MqttMessageBuilders.publish()
                    .topicName(target.topic(settings, n))
                    .qos(qos1 ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE)
                    .messageId(id)
                    .payload(Unpooled.wrappedBuffer(payload))
                    .build(), ch.voidPromise());
            stats.sent.increment();
        }
        ch.flush();
    }

    private int nextFreeId() {
        int maxId = sentAtNanos.length - 1;
        for (int tries = 0; tries < maxId; tries++) {
            int id = nextId;
            nextId = nextId == maxId ? 1 : nextId + 1;
            if (sentAtNanos[id] == 0) {
                return id;
            }
        }
        return -1;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false,
                    MqttQoS.AT_MOST_ONCE, false, 0)));
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (up) {
            up = false;
            stats.connected.decrementAndGet();
        }
        int lost = 0;
        for (int i = 1; i < sentAtNanos.length; i++) {
            if (sentAtNanos[i] != 0) {
                sentAtNanos[i] = 0;
                lost++;
            }
        }
        stats.errors.add(lost);
        inFlight.addAndGet(-lost);
        if (!connected.isDone()) {
            stats.connectFailures.increment();
            connected.complete(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
