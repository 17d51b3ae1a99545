package io.anju.gateway.testing;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** An {@link EmbeddedChannel} whose peer has an IP address, for what the gateway decides per source. */
public final class RemoteChannel extends EmbeddedChannel {
    private final InetSocketAddress remote;

    private RemoteChannel(InetSocketAddress remote, ChannelHandler... handlers) {
        super(false, false, handlers); // registered below: channelActive must already see the address
        this.remote = remote;
    }

    /** A channel from {@code ip} (a literal address), registered and active unless a handler closed it at once. */
    public static RemoteChannel from(String ip, ChannelHandler... handlers) {
        RemoteChannel ch = new RemoteChannel(new InetSocketAddress(ip, 40_000), handlers);
        try {
            ch.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ch;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return isActive() ? remote : null;
    }
}
