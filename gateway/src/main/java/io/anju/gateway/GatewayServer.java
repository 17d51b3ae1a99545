package io.anju.gateway;

import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.disk.DiskGuard;
import io.anju.gateway.downlink.CommandDelivery;
import io.anju.common.http.MetricsAccess;
import io.anju.gateway.http.HealthSource;
import io.anju.gateway.http.EndpointConnectionLimits;
import io.anju.gateway.http.HttpEndpointHandler;
import io.anju.gateway.metrics.GatewayMetrics;
import io.anju.gateway.mqtt.MqttPipeline;
import io.anju.gateway.mqtt.connection.MqttServices;
import io.anju.gateway.mqtt.reply.MqttReplies;
import io.anju.gateway.protect.AcceptGuard;
import io.anju.gateway.protect.ReadGate;
import io.anju.gateway.session.SessionRegistry;
import io.anju.gateway.tls.TlsContexts;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.NetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The gateway's network side: MQTT (and MQTT over TLS) listeners for devices and the HTTP endpoint for
 * {@code /health} and {@code /metrics}. Messages go to the ingest of its {@link MqttServices}; commands come in through
 * {@link #commandDelivery()}. Uses epoll when available, NIO otherwise.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private static final Duration SESSION_CLOSE_WAIT = Duration.ofSeconds(3);
    /** How often sources with nothing pre-auth and a full bucket are forgotten (bounds the per-source table). */
    private static final long SOURCE_PURGE_SECONDS = 10;
    private static final AdaptiveRecvByteBufAllocator RECV_ALLOCATOR = new AdaptiveRecvByteBufAllocator();
    /**
     * The accept queue asked of the kernel: the system's maximum (net.core.somaxconn). While the accept thread is behind
     * (a flood it refuses, a reconnect storm, a busy machine) a handshake that finds the queue full has its SYN dropped
     * and the device waits for the retransmission, 1 s and then 3 s; a queued one waits only for the sockets before it.
     */
    private static final int LISTEN_BACKLOG = NetUtil.SOMAXCONN;

    private final GatewayConfig config;
    private final MqttServices services;
    private final AcceptGuard acceptGuard;
    private final CommandDelivery commandDelivery;
    private final PrometheusMeterRegistry prometheus;
    private final BooleanSupplier ingestHealthy;
    private final DiskGuard disk;
    private final List<Channel> listeners = new ArrayList<>();
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    /** The HTTP endpoint's own loop: a scrape or a slow health client never holds up device packets. */
    private EventLoopGroup httpGroup;
    private Channel mqttChannel;
    private Channel tlsChannel;
    private Channel httpChannel;
    private volatile boolean closing;

    /**
     * The parts come assembled ({@link GatewayNode} builds them from the settings).
     *
     * @param services        what every device connection shares: limits, authentication, ingest, sessions, metrics
     * @param acceptGuard     the first handler of every device socket
     * @param commandDelivery how commands reach devices connected here
     * @param ingestHealthy   whether the downstream log is available; {@code /health} answers 503 when it is not
     * @param disk            the free-space watch: while the disk is low device sockets are not read and
     *                        {@code /health} answers 503
     */
    public GatewayServer(GatewayConfig config, MqttServices services, AcceptGuard acceptGuard,
                         CommandDelivery commandDelivery, PrometheusMeterRegistry prometheus, BooleanSupplier ingestHealthy,
                         DiskGuard disk) {
        this.config = config;
        this.services = services;
        this.acceptGuard = acceptGuard;
        this.commandDelivery = commandDelivery;
        this.prometheus = prometheus;
        this.ingestHealthy = ingestHealthy;
        this.disk = disk;
    }

    /** Binds the listeners; throws if a port cannot be bound or TLS settings are unusable. */
    public GatewayServer start() throws InterruptedException {
        SslContext tls = config.mqttTlsEnabled() ? TlsContexts.server(config) : null;
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> serverChannel = Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        bossGroup = new MultiThreadIoEventLoopGroup(1, io);
        workerGroup = new MultiThreadIoEventLoopGroup(io);
        httpGroup = new MultiThreadIoEventLoopGroup(1, io);
        services.ingest().setBackpressureListener(services.sessions());
        disk.setListener(services.sessions().listenerFor(ReadGate.Reason.DISK_LOW));
        try {
            mqttChannel = bind(serverChannel, workerGroup, "mqtt.port", config.mqttHost(), config.mqttPort(),
                    mqttInitializer(null));
            if (tls != null) {
                tlsChannel = bind(serverChannel, workerGroup, "mqtt.tls.port", config.mqttHost(), config.mqttTlsPort(),
                        mqttInitializer(tls));
            }
            httpChannel = bind(serverChannel, httpGroup, "http.port", config.httpHost(), config.httpPort(),
                    httpInitializer());
        } catch (RuntimeException | InterruptedException e) { // close what was bound, then fail start
            listeners.forEach(Channel::close);
            bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            httpGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            bossGroup = null;
            throw e;
        }
        workerGroup.scheduleAtFixedRate(services.flapping()::purge, 1, 1, TimeUnit.MINUTES);
        workerGroup.scheduleAtFixedRate(acceptGuard::purge, SOURCE_PURGE_SECONDS, SOURCE_PURGE_SECONDS, TimeUnit.SECONDS);
        LOG.info("gateway {} listening: MQTT {}{}, HTTP {} ({})", config.nodeId(), mqttPort(),
                tls != null ? ", MQTT/TLS " + tlsPort() : "", httpPort(), Epoll.isAvailable() ? "epoll" : "nio");
        return this;
    }

    private Channel bind(Class<? extends ServerChannel> type, EventLoopGroup children, String setting, String host, int port,
                         ChannelHandler init) throws InterruptedException {
        ChannelFuture bound = new ServerBootstrap().group(bossGroup, children).channel(type)
                .option(ChannelOption.SO_BACKLOG, LISTEN_BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                // one allocator for all sockets (each gets only its own small handle) instead of one per socket
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECV_ALLOCATOR)
                .childHandler(init)
                .bind(host, port).await();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " (setting " + setting + "): "
                    + bound.cause().getMessage(), bound.cause());
        }
        listeners.add(bound.channel());
        return bound.channel();
    }

    private ChannelInitializer<SocketChannel> mqttInitializer(SslContext tls) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ChannelPipeline p = ch.pipeline();
                p.addLast("acceptGuard", acceptGuard);
                if (tls != null) {
                    p.addLast("tls", tls.newHandler(ch.alloc()));
                }
                // acks complete on ingest threads one by one; consolidating their flushes saves syscalls
                p.addLast("flushConsolidation", new FlushConsolidationHandler(256, true));
                ChannelHandler[] handlers = MqttPipeline.handlers(services);
                String[] names = MqttPipeline.names();
                for (int i = 0; i < handlers.length; i++) {
                    p.addLast(names[i], handlers[i]);
                }
            }
        };
    }

    private ChannelInitializer<SocketChannel> httpInitializer() {
        HealthSource health = new HealthSource() {
            @Override
            public boolean up() {
                return !closing && ingestHealthy.getAsBoolean() && !disk.low();
            }

            @Override
            public boolean kafka() {
                return ingestHealthy.getAsBoolean();
            }

            @Override
            public int connections() {
                return services.metrics().connections();
            }

            @Override
            public boolean paused() {
                return services.sessions().readsPaused();
            }

            @Override
            public String disk() {
                return disk.status();
            }

            @Override
            public int pausedChannels() {
                return services.metrics().pausedChannels();
            }
        };
        EndpointConnectionLimits limits = new EndpointConnectionLimits();
        MetricsAccess metricsAccess = config.metricsAccess();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(limits.cap(), new HttpServerCodec(4096, 8192, 8192), new HttpObjectAggregator(8192),
                        EndpointConnectionLimits.requestDeadline(), new HttpEndpointHandler(health, prometheus,
                        metricsAccess));
            }
        };
    }

    /** Tells {@code listener} the id of each device that subscribes to its command topic. */
    public void onCommandsReady(Consumer<String> listener) {
        services.sessions().onCommandsReady(listener);
    }

    /** The downlink seam: sends a command to a device connected to this node. */
    public CommandDelivery commandDelivery() {
        return commandDelivery;
    }

    public SessionRegistry sessions() {
        return services.sessions();
    }

    /**
     * Refuses {@code deviceId}'s connections for {@code period} as if it were banned for flapping (CONNACK 3 Server
     * unavailable / 0x9F), each refusal reported on the diagnostic stream: the conformance kit's refusal window.
     */
    public void holdOff(String deviceId, Duration period) {
        services.flapping().holdOff(deviceId, period);
    }

    public GatewayMetrics metrics() {
        return services.metrics();
    }

    /** The bound MQTT port (the real one when configured as 0). */
    public int mqttPort() {
        return port(mqttChannel);
    }

    /** The bound MQTT-over-TLS port, or -1 when TLS is disabled. */
    public int tlsPort() {
        return tlsChannel == null ? -1 : port(tlsChannel);
    }

    public int httpPort() {
        return port(httpChannel);
    }

    /** The accept queue length the MQTT listener asked of the kernel. */
    public int mqttListenBacklog() {
        return mqttChannel.config().getOption(ChannelOption.SO_BACKLOG);
    }

    private static int port(Channel ch) {
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    /**
     * Graceful shutdown: stop accepting, let ingest drain what is in flight (so it is acknowledged), then close the
     * sessions (MQTT 5: DISCONNECT 0x8B Server shutting down) and the event loops.
     */
    @Override
    public void close() {
        if (closing || bossGroup == null) {
            return;
        }
        closing = true;
        LOG.info("gateway {} shutting down: closing listeners", config.nodeId());
        for (Channel l : listeners) {
            l.close().awaitUninterruptibly();
        }
        services.ingest().drain(config.shutdownDrainTimeout());
        List<Channel> closingSessions = services.sessions().disconnectAll(MqttReplies.SERVER_SHUTTING_DOWN);
        long deadline = System.nanoTime() + SESSION_CLOSE_WAIT.toNanos();
        for (Channel ch : closingSessions) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !ch.closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                ch.close();
            }
        }
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        httpGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        LOG.info("gateway {} stopped", config.nodeId());
    }
}
