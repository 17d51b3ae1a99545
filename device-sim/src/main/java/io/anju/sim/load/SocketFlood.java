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
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Bare TCP sockets from one source address at a target rate: each is connected with a non-blocking connect, sends
 * nothing (or half a CONNECT header), is held for a while and closed. One event-loop thread makes the attempts and
 * does the sockets; the calling thread paces them and prints a progress line each second.
 */
public final class SocketFlood {
    private static final Logger LOG = LoggerFactory.getLogger(SocketFlood.class);
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * A connect unanswered this long is abandoned (its SYN was dropped by a full accept queue): an attacker does not
     * wait for the retransmission, and each attempt then lives about a second, within the open-files limit.
     */
    private static final int CONNECT_TIMEOUT_MS = 1_000;
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
    /** Attempts made so far; only the event loop touches it. */
    private long made;

    public SocketFlood(FloodSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Floods for the settings' duration, waits for the last sockets to close, returns the counts. */
    public FloodResult run() throws InterruptedException {
        ClientTransport transport = ClientTransport.best();
        EventLoopGroup group = transport.group(1);
        Bootstrap bootstrap = transport.bootstrap(group)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .localAddress(new InetSocketAddress(settings.source(), 0))
                .remoteAddress(settings.host(), settings.port())
                .handler(new Watcher());
        if (transport.epoll()) {
            // the port is picked at connect for the whole 4-tuple, not at bind for the address alone: 100,000 sockets
            // from one address would otherwise run out of ephemeral ports
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        EventLoop loop = group.next();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(settings.durationS());
        progress.accept(String.format(Locale.ROOT, "flooding %s:%d from %s at %d sockets/s for %d s",
                settings.host(), settings.port(), settings.source(), settings.ratePerSec(), settings.durationS()));
        try {
            pace(loop, bootstrap, start, end);
            double seconds = (System.nanoTime() - start) / 1e9;
            long lastClose = Math.max(settings.holdMs(), CONNECT_TIMEOUT_MS) + 1_000L;
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lastClose);
            while (open.get() > 0 && System.nanoTime() < until) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            return result(seconds);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Every millisecond until the end, asks the event loop to make the attempts due (unless it still has that request
     * queued), and prints a progress line each second. The attempts are made on the sockets' own loop, so 'attempted'
     * counts connects really issued: a loop that falls behind shows as a lower rate, not as a queue of tasks.
     */
    private void pace(EventLoop loop, Bootstrap bootstrap, long start, long end) {
        AtomicBoolean queued = new AtomicBoolean();
        long nextReport = start + TimeUnit.SECONDS.toNanos(1);
        long now;
        while ((now = System.nanoTime()) < end) {
            if (queued.compareAndSet(false, true)) {
                loop.execute(() -> {
                    queued.set(false);
                    attemptDue(bootstrap, start, end);
                });
            }
            if (now >= nextReport) {
                progress.accept(line((now - start) / 1_000_000_000L));
                while (nextReport <= now) { // one line even after a stall of several seconds
                    nextReport += TimeUnit.SECONDS.toNanos(1);
                }
            }
            LockSupport.parkNanos(PACE_NANOS);
        }
    }

    /** On the event loop: issues the attempts due by now, at most a tenth of a second's worth at once. */
    private void attemptDue(Bootstrap bootstrap, long start, long end) {
        long now = Math.min(System.nanoTime(), end);
        long due = (long) ((now - start) / 1e9 * settings.ratePerSec());
        long batch = Math.max(1, settings.ratePerSec() / 10);
        for (long n = 0; made < due && n < batch; n++, made++) {
            attempted.increment();
            if (open.get() >= settings.maxOpen()) {
                skipped.increment();
                continue;
            }
            open.incrementAndGet();
            bootstrap.connect().addListener((ChannelFuture f) -> connected(f));
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
                timedOut.sum(), skipped.sum(), open.get(), seconds);
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
