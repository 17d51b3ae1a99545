package io.anju.sim.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The client sockets of the load tools: epoll where Netty has it (Linux), NIO elsewhere. */
record ClientTransport(boolean epoll) {

    static ClientTransport best() {
        return new ClientTransport(Epoll.isAvailable());
    }

    EventLoopGroup group(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** A bootstrap on {@code group} whose channels are this transport's sockets. */
    Bootstrap bootstrap(EventLoopGroup group) {
        return new Bootstrap().group(group).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class);
    }

    @Override
    public String toString() {
        return epoll ? "epoll" : "nio";
    }
}
