package io.anju.sim.load;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The flooder against a plain listening socket on loopback: rate, source address, and who closed what. */
class SocketFloodIT {
    private final List<Socket> held = new ArrayList<>();
    private final Set<InetAddress> sources = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private Thread acceptor;

    /** Accepts every socket, remembers its source, and closes it at once or holds it. */
    private void listen(boolean closeAtOnce) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sources.add(s.getInetAddress());
                    if (closeAtOnce) {
                        s.close();
                    } else {
                        held.add(s);
                    }
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "acceptor");
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join();
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void opensSocketsAtTheRate_fromTheChosenSource_andCountsTheOnesTheServerClosed() throws Exception {
        listen(true);
        List<String> lines = new ArrayList<>();
        FloodResult r = new SocketFlood(new FloodSettings("127.0.0.1", server.getLocalPort(), "127.0.0.2", 1_000, 2,
                500, 10_000, false), lines::add).run();
        assertThat(r.attempted()).isBetween(1_800L, 2_000L);
        assertThat(r.attemptedPerSec()).isBetween(900.0, 1_050.0);
        assertThat(r.established()).isEqualTo(r.attempted());
        assertThat(r.closedByGateway()).as("the server closed each at accept").isEqualTo(r.established());
        assertThat(r.skipped() + r.refused() + r.timedOut() + r.unfinished()).isZero();
        assertThat(sources).containsExactly(InetAddress.getByName("127.0.0.2"));
        assertThat(lines).first().asString().startsWith("flooding 127.0.0.1:");
        assertThat(lines).anyMatch(l -> l.startsWith("t=  1s attempted="));
        assertThat(r.format()).startsWith("flood        ").contains("established");
    }

    @Test
    void holdsEachSocket_thenClosesItItself_andSkipsAttemptsBeyondTheOpenCap() throws Exception {
        listen(false);
        FloodResult r = new SocketFlood(new FloodSettings("127.0.0.1", server.getLocalPort(), "127.0.0.2", 500, 1,
                2_000, 100, true), line -> { }).run();
        assertThat(r.established()).isEqualTo(100);
        assertThat(r.skipped()).isEqualTo(r.attempted() - 100).isPositive();
        assertThat(r.closedByGateway()).as("every socket was closed by the flooder").isZero();
    }
}
