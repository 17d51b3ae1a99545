package io.anju.sim.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny in-test MQTT acceptor on 127.0.0.1:0 for the simulator's own tests (the real gateway lives in another
 * module): checks the password against a secret map (or a token verifier), answers CONNECT/SUBSCRIBE/PUBLISH
 * (QoS 1)/PINGREQ, records what arrives, "publishes" a client's Will when its connection ends without DISCONNECT,
 * and can send a command to a connected client.
 */
public final class MiniBroker implements AutoCloseable {
    /** What arrived: client id, MQTT version (4 = 3.1.1, 5), topic, payload. */
    public record Received(String clientId, int version, String topic, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** One CONNECT: client id, user name, password, protocol version. */
    public record Connect(String clientId, String username, String password, int version) {
    }

    public final List<Received> published = new CopyOnWriteArrayList<>();
    public final List<Received> willsFired = new CopyOnWriteArrayList<>();
    public final List<Connect> connects = new CopyOnWriteArrayList<>();
    public final AtomicInteger cleanDisconnects = new AtomicInteger();
    private final Map<String, Channel> clients = new ConcurrentHashMap<>();
    private final Map<String, String> secrets;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final AtomicInteger nextPacketId = new AtomicInteger(1);

    /** @param secrets device id → secret; null accepts any password */
    public MiniBroker(Map<String, String> secrets) throws InterruptedException {
        this.secrets = secrets;
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MqttDecoder(1024 * 1024), MqttEncoder.INSTANCE, new Session());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public List<Received> on(String topicSuffix) {
        return published.stream().filter(r -> r.topic().endsWith(topicSuffix)).toList();
    }

    public boolean isConnected(String clientId) {
        Channel ch = clients.get(clientId);
        return ch != null && ch.isActive();
    }

    public void sendCommand(String clientId, String topic, String json) {
        Channel ch = clients.get(clientId);
        ch.writeAndFlush(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(nextPacketId.getAndIncrement()).payload(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8))
                .build());
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        clients.values().forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Session extends SimpleChannelInboundHandler<MqttMessage> {
        private String clientId;
        private int version;
        private String willTopic;
        private byte[] willPayload;
        private boolean disconnected;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
            if (msg.decoderResult().isFailure() || msg.fixedHeader() == null) {
                ctx.close();
                return;
            }
            switch (msg.fixedHeader().messageType()) {
                case CONNECT -> connect(ctx, (MqttConnectMessage) msg);
                case SUBSCRIBE -> {
                    MqttSubscribeMessage sub = (MqttSubscribeMessage) msg;
                    ctx.writeAndFlush(MqttMessageBuilders.subAck().packetId(sub.variableHeader().messageId())
                            .addGrantedQos(MqttQoS.AT_LEAST_ONCE).build());
                }
                case PUBLISH -> {
                    MqttPublishMessage p = (MqttPublishMessage) msg;
                    published.add(new Received(clientId, version, p.variableHeader().topicName(),
                            ByteBufUtil.getBytes(p.payload())));
                    if (p.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                        ctx.writeAndFlush(MqttMessageBuilders.pubAck().packetId(p.variableHeader().packetId())
                                .reasonCode((byte) 0).build());
                    }
                }
                case PINGREQ -> ctx.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false,
                        MqttQoS.AT_MOST_ONCE, false, 0)));
                case DISCONNECT -> {
                    disconnected = true;
                    cleanDisconnects.incrementAndGet();
                    ctx.close();
                }
                default -> {
                    // PUBACKs for commands need no answer
                }
            }
        }

        private void connect(ChannelHandlerContext ctx, MqttConnectMessage c) {
            clientId = c.payload().clientIdentifier();
            version = c.variableHeader().version();
            byte[] pw = c.payload().passwordInBytes();
            String password = pw == null ? null : new String(pw, StandardCharsets.UTF_8);
            connects.add(new Connect(clientId, c.payload().userName(), password, version));
            boolean ok = secrets == null || password != null && password.equals(secrets.get(clientId));
            if (!ok) {
                ctx.writeAndFlush(MqttMessageBuilders.connAck().returnCode(version == 5
                                ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                                : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD).build())
                        .addListener(f -> ctx.close());
                return;
            }
            if (c.variableHeader().isWillFlag()) {
                willTopic = c.payload().willTopic();
                willPayload = c.payload().willMessageInBytes();
            }
            Channel previous = clients.put(clientId, ctx.channel());
            if (previous != null && previous != ctx.channel()) {
                previous.close();
            }
            ctx.writeAndFlush(MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                    .sessionPresent(false).build());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (clientId != null && !disconnected && willTopic != null) {
                willsFired.add(new Received(clientId, version, willTopic, willPayload));
            }
            if (clientId != null) {
                clients.remove(clientId, ctx.channel());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
