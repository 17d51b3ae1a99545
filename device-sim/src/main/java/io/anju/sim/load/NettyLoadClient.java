package io.anju.sim.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Load through a Netty MQTT 3.1.1 client: all connections share one small event-loop group (epoll when
 * available), so one process holds tens of thousands of connections; QoS 1 is pipelined with a per-connection
 * in-flight window.
 */
public final class NettyLoadClient implements LoadClient {
    private static final Logger LOG = LoggerFactory.getLogger(NettyLoadClient.class);
    /** The largest packet the client accepts from the gateway (PUBACKs and PINGRESPs are tiny). */
    private static final int MAX_INBOUND_BYTES = 64 * 1024;

    private final LoadSettings settings;
    private final List<LoadTarget> targets;
    private final LoadStats stats;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final List<NettyLoadConnection> conns = new ArrayList<>();

    public NettyLoadClient(LoadSettings settings, List<LoadTarget> targets, LoadStats stats) {
        this.settings = settings;
        this.targets = targets;
        this.stats = stats;
        ClientTransport transport = ClientTransport.best();
        this.group = transport.group(Math.max(1, Runtime.getRuntime().availableProcessors()));
        this.bootstrap = transport.bootstrap(group)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        LOG.debug("netty load client on {}", transport);
    }

    @Override
    public void connectAll(int connectRate) throws InterruptedException {
        long pauseNanos = 1_000_000_000L / connectRate;
        List<CompletableFuture<Boolean>> results = new ArrayList<>(targets.size());
        for (LoadTarget t : targets) {
            NettyLoadConnection conn = new NettyLoadConnection(t, settings, stats, System.nanoTime());
            conns.add(conn);
            results.add(conn.connected);
            ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new MqttDecoder(MAX_INBOUND_BYTES), MqttEncoder.INSTANCE,
                            new IdleStateHandler(0, NettyLoadConnection.KEEP_ALIVE_S, 0), conn);
                }
            }).connect(settings.host(), settings.port());
            f.addListener(done -> {
                if (!done.isSuccess() && conn.connected.complete(false)) {
                    stats.connectFailures.increment();
                    LOG.debug("{}: TCP connect failed: {}", t.deviceId(), done.cause().getMessage());
                }
            });
            TimeUnit.NANOSECONDS.sleep(pauseNanos);
        }
        try {
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("not every connection answered within 60 s");
        }
    }

    @Override
    public int size() {
        return conns.size();
    }

    @Override
    public int send(int index, int count) {
        NettyLoadConnection c = conns.get(index);
        Channel ch = c.channel();
        if (ch == null || !c.isUp()) {
            return count;
        }
        int take;
        if (settings.qos() == 1) {
            take = Math.max(0, Math.min(count, settings.window() - c.inFlight.get()));
            c.inFlight.addAndGet(take);
        } else {
            take = ch.isWritable() ? count : 0;
        }
        if (take > 0) {
            ch.eventLoop().execute(() -> c.publishBatch(take));
        }
        return count - take;
    }

    @Override
    public void close() {
        for (NettyLoadConnection c : conns) {
            Channel ch = c.channel();
            if (ch != null) {
                ch.close();
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
