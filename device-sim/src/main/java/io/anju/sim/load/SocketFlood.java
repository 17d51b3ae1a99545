package io.anju.sim.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Bare TCP sockets from one source address at a target rate: each is connected with a non-blocking connect, sends
 * nothing (or half a CONNECT header), is held for a while and closed. One event-loop thread does the sockets; the
 * calling thread paces the attempts and prints a progress line each second.
 */
public final class SocketFlood {
    private static final Logger LOG = LoggerFactory.getLogger(SocketFlood.class);
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int CONNECT_TIMEOUT_MS = 3_000;
    /** Set once the flooder closes the socket itself, so a close is not counted as the gateway's. */
    private static final AttributeKey<Boolean> CLOSED_BY_US = AttributeKey.valueOf("anju.flood.closedByUs");
    /** The first two bytes of an MQTT CONNECT: packet type and a remaining length that never arrives. */
    private static final byte[] CONNECT_HEADER = {0x10, 0x20};

    private final FloodSettings settings;
    private final Consumer<String> progress;
    private final LongAdder attempted = new LongAdder();
    private final LongAdder established = new LongAdder();
    private final LongAdder closedByGateway = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();

    public SocketFlood(FloodSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Floods for the settings' duration, waits for the last sockets to close, returns the counts. */
    public FloodResult run() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Bootstrap bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .handler(new Watcher());
        if (epoll) {
            // the port is picked at connect for the whole 4-tuple, not at bind for the address alone: 100,000 sockets
            // from one address would otherwise run out of ephemeral ports
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        InetSocketAddress remote = new InetSocketAddress(settings.host(), settings.port());
        InetSocketAddress local = new InetSocketAddress(settings.source(), 0);
        long start = System.nanoTime();
        try {
            flood(bootstrap, remote, local, start);
            double seconds = (System.nanoTime() - start) / 1e9;
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.holdMs() + CONNECT_TIMEOUT_MS + 1_000L);
            while (open.get() > 0 && System.nanoTime() < until) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            return result(seconds);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void flood(Bootstrap bootstrap, InetSocketAddress remote, InetSocketAddress local, long start) {
        long end = start + TimeUnit.SECONDS.toNanos(settings.durationS());
        long nextReport = start + TimeUnit.SECONDS.toNanos(1);
        long made = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            long due = (long) ((now - start) / 1e9 * settings.ratePerSec());
            for (; made < due; made++) {
                attempted.increment();
                if (open.get() >= settings.maxOpen()) {
                    skipped.increment();
                    continue;
                }
                open.incrementAndGet();
                bootstrap.connect(remote, local).addListener((ChannelFuture f) -> connected(f));
            }
            if (now >= nextReport) {
                progress.accept(line((now - start) / 1_000_000_000L));
                nextReport += TimeUnit.SECONDS.toNanos(1);
            }
            LockSupport.parkNanos(PACE_NANOS);
        }
    }

    private void connected(ChannelFuture f) {
        if (!f.isSuccess()) {
            open.decrementAndGet();
            if (f.cause() instanceof ConnectTimeoutException) {
                timedOut.increment();
            } else {
                refused.increment();
                LOG.debug("connect failed: {}", f.cause().toString());
            }
            return;
        }
        established.increment();
        Channel ch = f.channel();
        ch.closeFuture().addListener(closed -> open.decrementAndGet());
        if (settings.partialConnect()) {
            ch.writeAndFlush(Unpooled.wrappedBuffer(CONNECT_HEADER));
        }
        ch.eventLoop().schedule(() -> {
            ch.attr(CLOSED_BY_US).set(true);
            ch.close();
        }, settings.holdMs(), TimeUnit.MILLISECONDS);
    }

    private String line(long second) {
        return String.format(Locale.ROOT, "t=%3ds attempted=%d established=%d closed-by-gateway=%d refused=%d "
                        + "timed-out=%d skipped=%d open=%d", second, attempted.sum(), established.sum(),
                closedByGateway.sum(), refused.sum(), timedOut.sum(), skipped.sum(), open.get());
    }

    private FloodResult result(double seconds) {
        return new FloodResult(attempted.sum(), established.sum(), closedByGateway.sum(), refused.sum(),
                timedOut.sum(), skipped.sum(), seconds);
    }

    /** Counts sockets the gateway closed (a FIN or a reset before the hold ended); reads and drops whatever arrives. */
    @ChannelHandler.Sharable
    private final class Watcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel().attr(CLOSED_BY_US).get() == null) {
                closedByGateway.increment();
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset from the gateway: counted when the channel goes inactive
        }
    }
}
