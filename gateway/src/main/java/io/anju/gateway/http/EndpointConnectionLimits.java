package io.anju.gateway.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the /health and /metrics listener: at most {@value #MAX_CONNECTIONS} connections open (one more is closed
 * on arrival), and each must send a whole request within {@value #REQUEST_DEADLINE_S} s of connecting or of its
 * previous one, which closes idle keep-alive connections and clients that dribble a request byte by byte
 * (slowloris) alike. Fixed rather than settings: the callers are a few scrapers and health probes, each quick.
 */
public final class EndpointConnectionLimits {
    public static final int MAX_CONNECTIONS = 64;
    public static final long REQUEST_DEADLINE_S = 10;

    private final AtomicInteger open = new AtomicInteger();
    private final ChannelHandler cap = new Cap();

    /** The one handler of the listener that counts its connections (shared by all of them). */
    public ChannelHandler cap() {
        return cap;
    }

    /** A new deadline handler for one connection; goes after the HTTP aggregator, before the endpoint handler. */
    public static ChannelHandler requestDeadline() {
        return new RequestDeadline();
    }

    int open() {
        return open.get();
    }

    @ChannelHandler.Sharable
    private final class Cap extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (open.incrementAndGet() > MAX_CONNECTIONS) {
                ctx.close();
                return;
            }
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            open.decrementAndGet();
            super.channelInactive(ctx);
        }
    }

    private static final class RequestDeadline extends ChannelDuplexHandler {
        private ScheduledFuture<?> deadline;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (ctx.channel().isActive()) {
                arm(ctx);
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            arm(ctx);
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof FullHttpRequest) {
                arm(ctx); // a whole request arrived: the next one has its own span
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            cancel();
            super.channelInactive(ctx);
        }

        private void arm(ChannelHandlerContext ctx) {
            cancel();
            deadline = ctx.executor().schedule(() -> {
                ctx.close();
            }, REQUEST_DEADLINE_S, TimeUnit.SECONDS);
        }

        private void cancel() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }
    }
}
