package io.anju.gateway.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import io.anju.gateway.auth.TokenSecrets;
import io.anju.gateway.mqtt.MqttConnectionHandler;
import io.anju.gateway.testing.GatewayHarness;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.anju.gateway.testing.GatewayHarness.written;
import static io.anju.gateway.testing.MqttPackets.V311;
import static io.anju.gateway.testing.MqttPackets.V5;
import static io.anju.gateway.testing.MqttPackets.connect;
import static io.anju.gateway.testing.MqttPackets.disconnect;
import static io.anju.gateway.testing.MqttPackets.pingReq;
import static io.anju.gateway.testing.MqttPackets.pubAck;
import static io.anju.gateway.testing.MqttPackets.pubRel;
import static io.anju.gateway.testing.MqttPackets.publish;
import static io.anju.gateway.testing.MqttPackets.subscribe;
import static io.anju.gateway.testing.MqttPackets.utf8;
import static io.anju.gateway.testing.TestDevices.CHARGER;
import static io.anju.gateway.testing.TestDevices.CHARGER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated MQTT 3.1.1 and 5.0 packets, from valid ones by a seeded {@link PacketMutator}, through the gateway's real
 * pipeline (decoder, limits, protocol handler, session, ingest hand-off), each session in arbitrary chunks: nothing
 * escapes the pipeline as an exception, no buffer leaks (the suite fails on Netty's leak reports), the heap stays
 * bounded, and a legitimate device that connects between the sessions is served every time. {@code ./anju test} drives
 * {@value #DEFAULT_PACKETS} packets; {@code ./anju bench fuzz} drives a million ({@code -Danju.fuzz.packets},
 * {@code -Danju.fuzz.seed} to replay a run).
 */
class MqttFuzzTest {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(MqttFuzzTest.class);
    static final int DEFAULT_PACKETS = 40_000;
    private static final int SESSIONS_PER_HARNESS = 500;
    private static final long HEAP_GROWTH_LIMIT = 64L << 20;

    /** The unexpected errors the protocol handler closed connections for (it warns of those): bugs. */
    private final List<String> handlerErrors = new CopyOnWriteArrayList<>();
    private final Logger handlerLog = (Logger) LoggerFactory.getLogger(MqttConnectionHandler.class);
    private final AppenderBase<ILoggingEvent> errorWatch = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            String m = event.getFormattedMessage();
            if (event.getLevel().isGreaterOrEqual(Level.WARN) && handlerErrors.size() < 5) {
                handlerErrors.add(m + (event.getThrowableProxy() == null ? "" : ": "
                        + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage()));
            }
        }
    };

    @BeforeEach
    void watchHandlerErrors() {
        errorWatch.setContext(handlerLog.getLoggerContext());
        errorWatch.start();
        handlerLog.addAppender(errorWatch);
    }

    @AfterEach
    void release() {
        handlerLog.detachAppender(errorWatch);
        GatewayHarness.releaseAll();
    }

    @Test
    void mutatedPackets_crashNothing_leakNothing_andLegitimateDevicesAreServedThroughout() {
        long packets = Long.getLong("anju.fuzz.packets", DEFAULT_PACKETS);
        long seed = Long.getLong("anju.fuzz.seed", 20261207L);
        PacketMutator mutator = new PacketMutator(seed, seeds());
        Random random = mutator.random();
        long heapBefore = usedHeapAfterGc();
        long began = System.nanoTime();
        long sent = 0;
        int sessions = 0;
        int closedByGateway = 0;
        List<String> crashes = new ArrayList<>();
        GatewayHarness gw = harness();
        while (sent < packets) {
            if (sessions % SESSIONS_PER_HARNESS == 0) {
                GatewayHarness.releaseAll();
                assertLegitimateDeviceServed(gw, sessions);
                gw = harness();
            }
            sessions++;
            gw.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            EmbeddedChannel ch = gw.open();
            int version = random.nextBoolean() ? V311 : V5;
            byte[] hello = connect(version, CHARGER, CHARGER, CHARGER_SECRET, 30);
            List<byte[]> session = new ArrayList<>();
            session.add(random.nextInt(4) == 0 ? mutator.mutate(hello) : hello);
            int more = 1 + random.nextInt(8);
            for (int i = 0; i < more; i++) {
                session.add(random.nextInt(10) < 7 ? mutator.mutant() : mutator.seed());
            }
            sent += session.size();
            try {
                feedInChunks(ch, concat(session), random);
                if (random.nextInt(8) == 0) {
                    ch.advanceTimeBy(random.nextInt(120), TimeUnit.SECONDS);
                    ch.runScheduledPendingTasks();
                }
                ch.checkException();
            } catch (RuntimeException e) {
                if (crashes.size() < 5) {
                    crashes.add("session " + sessions + " (seed " + seed + "): " + e);
                }
            }
            if (!ch.isActive()) {
                closedByGateway++;
            }
            written(ch);
            ch.finishAndReleaseAll();
            if (packets >= 200_000 && sessions % 20_000 == 0) {
                LOG.info("fuzz: {} of {} packets, {} sessions, {} closed by the gateway", sent, packets, sessions,
                        closedByGateway);
            }
        }
        GatewayHarness.releaseAll();
        assertLegitimateDeviceServed(harness(), sessions);
        long heapGrowth = usedHeapAfterGc() - heapBefore;
        LOG.info("fuzz: {} packets in {} sessions in {} ms (seed {}); {} closed by the gateway; heap growth {} KiB",
                sent, sessions, (System.nanoTime() - began) / 1_000_000, seed, closedByGateway, heapGrowth >> 10);
        assertThat(crashes).as("exceptions that escaped the pipeline").isEmpty();
        assertThat(handlerErrors).as("exceptions the protocol handler closed a connection for").isEmpty();
        assertThat(closedByGateway).as("malformed sessions the gateway closed").isGreaterThan(sessions / 4);
        assertThat(heapGrowth).as("heap growth in bytes").isLessThan(HEAP_GROWTH_LIMIT);
    }

    private static GatewayHarness harness() {
        // Reconnecting every 100 ms of the harness clock is flapping by design here: that guard is tested elsewhere.
        return new GatewayHarness(GatewayHarness.defaultLimits(), TokenSecrets.none(), Integer.MAX_VALUE);
    }

    /** A device with the right credentials connects, publishes at QoS 1 and gets its PUBACK; its message is taken. */
    private static void assertLegitimateDeviceServed(GatewayHarness gw, int afterSessions) {
        int before = gw.ingest.messages().size();
        EmbeddedChannel ch = gw.open();
        GatewayHarness.send(ch, connect(V311, CHARGER, CHARGER, CHARGER_SECRET, 30));
        assertThat(written(ch)).as("CONNACK accepted after %d fuzzed sessions", afterSessions)
                .containsExactly(0x20, 0x02, 0x00, 0x00);
        GatewayHarness.send(ch, publish(V311, MqttTopics.telemetry(DeviceType.CHARGER, CHARGER), 1, 7,
                utf8(telemetry())));
        assertThat(written(ch)).as("PUBACK after %d fuzzed sessions", afterSessions)
                .containsExactly(0x40, 0x02, 0x00, 0x07);
        assertThat(gw.ingest.messages()).hasSize(before + 1);
        ch.finishAndReleaseAll();
    }

    private static void feedInChunks(EmbeddedChannel ch, byte[] bytes, Random random) {
        int at = 0;
        while (at < bytes.length && ch.isActive()) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 8 : 512));
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, at, at + n)));
            ch.runPendingTasks();
            at += n;
        }
    }

    /** Valid packets of both versions, after and around a CONNECT: what the mutants are made of. */
    private static List<byte[]> seeds() {
        String telemetry = MqttTopics.telemetry(DeviceType.CHARGER, CHARGER);
        String event = MqttTopics.event(DeviceType.CHARGER, CHARGER);
        String reply = MqttTopics.commandReply(DeviceType.CHARGER, CHARGER);
        String commands = MqttTopics.command(DeviceType.CHARGER, CHARGER);
        List<byte[]> seeds = new ArrayList<>();
        for (int v : new int[]{V311, V5}) {
            seeds.add(connect(v, CHARGER, CHARGER, CHARGER_SECRET, 30));
            seeds.add(publish(v, telemetry, 0, 0, utf8(telemetry())));
            seeds.add(publish(v, telemetry, 1, 11, utf8(telemetry())));
            seeds.add(publish(v, telemetry, 2, 12, utf8(telemetry())));
            seeds.add(publish(v, event, 1, 13, utf8("{\"ts\":1764378000000,\"seq\":2,\"kind\":\"overtemp\",\"port\":1,"
                    + "\"value\":66.5,\"code\":\"E21\"}")));
            seeds.add(publish(v, reply, 1, 14, utf8("{\"id\":\"cmd-1\",\"result\":\"ok\",\"ts\":1764378000000}")));
            seeds.add(subscribe(v, 15, commands, 1));
            seeds.add(subscribe(v, 16, "#", 1));
            seeds.add(pubAck(17));
            seeds.add(pubRel(12));
            seeds.add(new byte[]{0x50, 0x02, 0x00, 0x12});              // PUBREC
            seeds.add(new byte[]{0x70, 0x02, 0x00, 0x12});              // PUBCOMP
            seeds.add(pingReq());
            seeds.add(disconnect());
        }
        byte[] filter = utf8(commands);
        byte[] unsubscribe = new byte[4 + 2 + filter.length];           // UNSUBSCRIBE (3.1.1), one filter
        unsubscribe[0] = (byte) 0xA2;
        unsubscribe[1] = (byte) (2 + 2 + filter.length);
        unsubscribe[3] = 0x15;
        unsubscribe[5] = (byte) filter.length;
        System.arraycopy(filter, 0, unsubscribe, 6, filter.length);
        seeds.add(unsubscribe);
        // MQTT 5 DISCONNECT with a reason and a user property.
        seeds.add(new byte[]{(byte) 0xE0, 0x0C, 0x00, 0x0A, 0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', 0x1F, 0x00, 0x00});
        return seeds;
    }

    private static String telemetry() {
        return "{\"ts\":1764378000000,\"seq\":1,\"voltageV\":228.1,\"ambientC\":21.5,\"smoke\":false,\"leakageMa\":3.1,"
                + "\"ports\":[{\"port\":1,\"state\":\"charging\",\"voltageV\":48.0,\"currentA\":4.1,\"powerW\":197.0,"
                + "\"energyWh\":120,\"tempC\":31.2}]}";
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
