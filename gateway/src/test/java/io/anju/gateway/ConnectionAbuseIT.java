package io.anju.gateway;

import io.anju.gateway.diagnostics.DiagnosticsSink;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.testing.MqttPackets;
import io.anju.gateway.testing.RecordingIngest;
import io.anju.gateway.testing.SimulatedDisk;
import io.anju.gateway.testing.TestDevices;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.NetUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static io.anju.gateway.testing.TestDevices.CHARGER;
import static io.anju.gateway.testing.TestDevices.CHARGER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Abuse of the front door over real sockets: one source flooding the gateway with bare sockets while devices elsewhere
 * connect, and unauthenticated sockets sending the largest CONNECT they may. Loopback is not exempt here: the flood
 * comes from 127.0.0.2, the devices from 127.0.0.1.
 */
class ConnectionAbuseIT {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionAbuseIT.class);
    private static final InetAddress FLOOD_SOURCE = address("127.0.0.2");

    private GatewayServer server;

    private void start(Map<String, String> overrides) throws InterruptedException {
        Map<String, String> settings = new HashMap<>(Map.of(
                "node.id", "abuse-it", "mqtt.host", "127.0.0.1", "http.host", "127.0.0.1",
                "mqtt.port", "0", "http.port", "0",
                "limits.sourceExempt", "",
                "limits.flappingMaxConnects", "1000"));
        settings.putAll(overrides);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = GatewayNode.server(GatewayConfig.of(settings), TestDevices.inUse(), new RecordingIngest(), meters,
                () -> true, System::currentTimeMillis, SimulatedDisk.roomy().guard(meters),
                DiagnosticsSink.NONE).start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void flood_ofBareSocketsFromOneSource_doesNotStarveDevicesConnectingFromAnother() throws Exception {
        // a node-wide rate the flood alone exceeds (the audit: 9,000 sockets in 5 s against 500/s)
        start(Map.of("limits.connectRatePerSecond", "100", "limits.connectRateBurst", "100"));
        List<Socket> flood = new CopyOnWriteArrayList<>();
        AtomicBoolean flooding = new AtomicBoolean(true);
        Thread flooder = new Thread(() -> {
            while (flooding.get()) {
                try {
                    // 400 a second: four times the node's rate, not so fast that the listen backlog itself overflows
                    LockSupport.parkNanos(2_500_000);
                    flood.add(bareSocket());
                    if (flood.size() >= 3_000) {
                        closeAll(flood.subList(0, 1_000)); // stay within the file descriptor limit
                    }
                } catch (IOException e) {
                    // a full accept queue: try again
                }
            }
        }, "flooder");
        flooder.start();
        try {
            while (flood.size() < 200) {
                Thread.sleep(5); // the flood is under way before the devices come
            }
            long t0 = System.nanoTime();
            LOG.info("flood at {} sockets; devices start", flood.size());
            int connected = 0;
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < 39; i++) {
                String outcome = deviceConnects();
                if (outcome == null) {
                    connected++;
                } else {
                    refused.add(outcome);
                }
            }
            LOG.info("devices done in {} ms; flood at {} sockets", (System.nanoTime() - t0) / 1_000_000, flood.size());
            assertThat(refused).as("device CONNECTs refused while 127.0.0.2 floods").isEmpty();
            assertThat(connected).isEqualTo(39);
        } finally {
            flooding.set(false);
            flooder.join();
            closeAll(flood);
        }
        assertThat(server.metrics().count("anju.gateway.connect.attempts", "outcome", "refused_source_pre_auth"))
                .as("the flood was refused at its source").isPositive();
    }

    @Test
    void mqttListener_queuesAsManyHandshakesAsTheSystemAllows() throws Exception {
        // A flood faster than the accept thread fills the accept queue; what does not fit has its SYN dropped, and a
        // device behind it waits a second for the retransmission (measured: ./anju bench flood).
        start(Map.of());
        assertThat(server.mqttListenBacklog()).isEqualTo(NetUtil.SOMAXCONN);
    }

    @Test
    void preAuthSockets_sendingTheLargestConnectAllowedBefore_holdNoBuffersAndAreClosedAtTheHeader() throws Exception {
        start(Map.of());
        ByteBufAllocatorMetricProvider allocator = (ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT;
        int sockets = 20;
        int announced = 1_114_000;                  // just under limits.maxPacketBytes: what a CONNECT could be before
        long before = allocator.metric().usedDirectMemory() + allocator.metric().usedHeapMemory();
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < sockets; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", server.mqttPort()), 5_000);
                open.add(s);
                sendConnectOf(s, announced);
            }
            // the gateway reads what the sockets sent at its own pace: watch its buffers for a second, keep the peak
            long held = 0;
            for (int i = 0; i < 50; i++) {
                held = Math.max(held, allocator.metric().usedDirectMemory() + allocator.metric().usedHeapMemory() - before);
                Thread.sleep(20);
            }
            LOG.info("{} pre-auth sockets each sending a {}-byte CONNECT: the gateway's buffers grew by {} KiB at most",
                    sockets, announced, held / 1024);
            assertThat(held).as("buffer memory held for %d sockets of %d bytes", sockets, announced)
                    .isLessThan(4L << 20);
            for (Socket s : open) {
                assertThat(closedByPeer(s)).as("closed after the fixed header").isTrue();
            }
        } finally {
            closeAll(open);
        }
        assertThat(server.metrics().count("anju.gateway.connect.attempts", "outcome", "too_large")).isEqualTo(sockets);
    }

    /**
     * Sends an MQTT 5 CONNECT announced {@code length} bytes long, nearly all of it user properties (the audit's
     * 140,000), all but its last 3 bytes (the client id): a gateway that buffers CONNECTs holds it until its connect
     * timeout. Stops when the gateway closes the socket.
     */
    private static void sendConnectOf(Socket s, int length) {
        int userProperty = 7;                                    // 0x26, "k", "v"
        int variableHeader = 10;                                 // "MQTT", level 5, flags, keep alive
        int properties = (length - variableHeader - 3 - 3) / userProperty * userProperty;
        int announced = variableHeader + 3 + properties + 3;    // 3-byte property length, client id "d"
        byte[] start = MqttPackets.together(MqttPackets.fixedHeader(0x10, announced), new byte[]{
                0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C,        // protocol, level 5, clean start, 60 s
                (byte) (properties & 0x7F | 0x80), (byte) (properties >> 7 & 0x7F | 0x80), (byte) (properties >> 14)});
        byte[] chunk = new byte[userProperty * 9_000];
        for (int i = 0; i < chunk.length; i += userProperty) {
            System.arraycopy(new byte[]{0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v'}, 0, chunk, i, userProperty);
        }
        try {
            OutputStream out = s.getOutputStream();
            out.write(start);
            for (int sent = 0; sent < properties; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, properties - sent));
            }
            out.flush();
        } catch (IOException e) {
            // closed by the gateway before the body was sent: the point
        }
    }

    private static boolean closedByPeer(Socket s) throws IOException {
        s.setSoTimeout(2_000);
        try (InputStream in = s.getInputStream()) {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset: the gateway closed it with bytes unread
        }
    }

    /** A TCP connection from the flooding source that never sends anything. */
    private Socket bareSocket() throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(FLOOD_SOURCE, 0));
        s.connect(new InetSocketAddress("127.0.0.1", server.mqttPort()), 1_000);
        return s;
    }

    /** A device connecting from 127.0.0.1 with raw MQTT: null when its CONNECT was accepted, else what happened. */
    private String deviceConnects() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.mqttPort()), 2_000);
            s.setSoTimeout(2_000);
            s.getOutputStream().write(MqttPackets.connect(MqttPackets.V311, CHARGER, CHARGER, CHARGER_SECRET, 60));
            byte[] connAck = s.getInputStream().readNBytes(4);
            s.getOutputStream().write(MqttPackets.disconnect());
            return Arrays.equals(connAck, new byte[]{0x20, 0x02, 0x00, 0x00}) ? null : "CONNACK " + Arrays.toString(connAck);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket s : List.copyOf(sockets)) {
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
        sockets.clear();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
