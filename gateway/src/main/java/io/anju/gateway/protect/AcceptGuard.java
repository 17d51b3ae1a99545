package io.anju.gateway.protect;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * First handler of every device connection: refuses (closes) the socket when the node already holds the maximum
 * number of connections, its source is over its own limits ({@link SourceLimits}), or new connections arrive faster
 * than the node's connection-rate limit. The source is checked before the node-wide bucket, so a flooding source is
 * refused without using up the tokens other sources need. Shared by all channels.
 */
@ChannelHandler.Sharable
public final class AcceptGuard extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptGuard.class);
    /** Ends the pre-auth count of the connection's source; taken (once) on authentication or close. */
    private static final AttributeKey<Runnable> PRE_AUTH = AttributeKey.valueOf("anju.preAuth");

    /** Why a connection was refused at accept. */
    public enum Refusal { MAX_CONNECTIONS, CONNECT_RATE, SOURCE_CONNECT_RATE, SOURCE_PRE_AUTH }

    private final int maxConnections;
    private final TokenBucket connectRate;
    private final SourceLimits sources;
    private final Consumer<Refusal> onRefused;
    private final AtomicInteger open = new AtomicInteger();

    public AcceptGuard(int maxConnections, TokenBucket connectRate, SourceLimits sources, Consumer<Refusal> onRefused) {
        this.maxConnections = maxConnections;
        this.connectRate = connectRate;
        this.sources = sources;
        this.onRefused = onRefused;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress source = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        Refusal refusal = admit(source);
        if (refusal != null) {
            LOG.debug("refused connection from {}: {}", ctx.channel().remoteAddress(), refusal);
            onRefused.accept(refusal);
            ctx.close();
            return;
        }
        open.incrementAndGet();
        if (source != null) {
            ctx.channel().attr(PRE_AUTH).set(() -> sources.preAuthEnded(source));
        }
        ctx.channel().closeFuture().addListener(f -> {
            open.decrementAndGet();
            preAuthEnded(ctx.channel());
        });
        super.channelActive(ctx);
        ctx.pipeline().remove(this); // its work is done: the pipeline of an idle connection should stay small
    }

    private Refusal admit(InetAddress source) {
        if (open.get() >= maxConnections) {
            return Refusal.MAX_CONNECTIONS;
        }
        SourceLimits.Refusal bySource = source == null ? null : sources.admit(source);
        if (bySource != null) {
            return bySource == SourceLimits.Refusal.RATE ? Refusal.SOURCE_CONNECT_RATE : Refusal.SOURCE_PRE_AUTH;
        }
        boolean token;
        synchronized (connectRate) {
            token = connectRate.tryTake();
        }
        if (!token) {
            if (source != null) {
                sources.preAuthEnded(source);
            }
            return Refusal.CONNECT_RATE;
        }
        return null;
    }

    /**
     * The connection authenticated (CONNACK accepted) or closed: it no longer counts as pre-auth for its source.
     * Idempotent.
     */
    public static void preAuthEnded(Channel channel) {
        Runnable ended = channel.attr(PRE_AUTH).getAndSet(null);
        if (ended != null) {
            ended.run();
        }
    }

    /** Forgets quiet sources (called periodically). */
    public void purge() {
        sources.purge();
    }

    /** Connections currently admitted and open. */
    public int openConnections() {
        return open.get();
    }
}
