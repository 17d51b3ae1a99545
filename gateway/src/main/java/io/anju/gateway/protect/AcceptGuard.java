package io.anju.gateway.protect;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * First handler of every device connection: refuses (closes) the socket when the node already holds the maximum
 * number of connections or new connections arrive faster than the connection-rate limit. Shared by all channels.
 */
@ChannelHandler.Sharable
public final class AcceptGuard extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptGuard.class);

    /** Why a connection was refused at accept. */
    public enum Refusal { MAX_CONNECTIONS, CONNECT_RATE }

    private final int maxConnections;
    private final TokenBucket connectRate;
    private final Consumer<Refusal> onRefused;
    private final AtomicInteger open = new AtomicInteger();

    public AcceptGuard(int maxConnections, TokenBucket connectRate, Consumer<Refusal> onRefused) {
        this.maxConnections = maxConnections;
        this.connectRate = connectRate;
        this.onRefused = onRefused;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        Refusal refusal = admit();
        if (refusal != null) {
            LOG.debug("refused connection from {}: {}", ctx.channel().remoteAddress(), refusal);
            onRefused.accept(refusal);
            ctx.close();
            return;
        }
        open.incrementAndGet();
        ctx.channel().closeFuture().addListener(f -> open.decrementAndGet());
        super.channelActive(ctx);
        ctx.pipeline().remove(this); // its work is done: the pipeline of an idle connection should stay small
    }

    private Refusal admit() {
        if (open.get() >= maxConnections) {
            return Refusal.MAX_CONNECTIONS;
        }
        boolean token;
        synchronized (connectRate) {
            token = connectRate.tryTake();
        }
        return token ? null : Refusal.CONNECT_RATE;
    }

    /** Connections currently admitted and open. */
    public int openConnections() {
        return open.get();
    }
}
