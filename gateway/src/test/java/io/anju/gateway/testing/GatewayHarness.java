package io.anju.gateway.testing;

import io.anju.gateway.diagnostics.Diagnostics;
import io.anju.gateway.diagnostics.DiagnosticsSink;
import io.anju.gateway.mqtt.reply.ReasonStrings;
import io.anju.gateway.auth.Authenticator;
import io.anju.gateway.auth.TokenSecrets;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.metrics.GatewayMetrics;
import io.anju.gateway.mqtt.MqttPipeline;
import io.anju.gateway.mqtt.connection.MqttLimits;
import io.anju.gateway.mqtt.connection.MqttServices;
import io.anju.gateway.protect.FlappingGuard;
import io.anju.gateway.session.SessionRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MQTT side of the gateway on {@link EmbeddedChannel}s: the real pipeline (decoder, encoder, protocol
 * handler) over the test registry and a {@link RecordingIngest}, with a controllable nano clock for rate limits.
 */
public final class GatewayHarness {
    public static final long WALL_CLOCK_MS = 1_764_378_000_000L;

    public final RecordingIngest ingest = new RecordingIngest();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final GatewayMetrics metrics = new GatewayMetrics(meters);
    public final SessionRegistry sessions = new SessionRegistry(Duration.ofSeconds(10));
    public final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    public final MqttServices services;

    public GatewayHarness() {
        this(defaultLimits(), TokenSecrets.none(), 10);
    }

    public GatewayHarness(MqttLimits limits, TokenSecrets tokens, int flappingMaxPerMinute) {
        Authenticator auth = new Authenticator(TestDevices.inUse(), tokens, GatewayConfig.defaults().tokenLimits(), () -> WALL_CLOCK_MS);
        FlappingGuard flapping = new FlappingGuard(flappingMaxPerMinute, Duration.ofMinutes(5), nanos::get);
        services = new MqttServices(limits, auth, ingest, sessions, metrics, flapping, () -> WALL_CLOCK_MS, nanos::get,
                new ReasonStrings(false), new Diagnostics("harness", () -> WALL_CLOCK_MS, 1_000, 1_000, nanos::get,
                DiagnosticsSink.NONE, meters));
        ingest.setBackpressureListener(sessions);
    }

    /** The gateway's default limits, from its settings table. */
    public static MqttLimits defaultLimits() {
        return GatewayConfig.defaults().mqttLimits();
    }

    /** The limits of the settings table with some settings changed: {@code limits("limits.maxPacketBytes", "1024")}. */
    public static MqttLimits limits(String... keysAndValues) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return GatewayConfig.of(settings).mqttLimits();
    }

    /** A harness whose limits differ from the defaults as given (see {@link #limits}). */
    public static GatewayHarness with(String... keysAndValues) {
        return new GatewayHarness(limits(keysAndValues), TokenSecrets.none(), 10);
    }

    private static final List<EmbeddedChannel> OPENED = new CopyOnWriteArrayList<>();

    /** A fresh, active device connection. */
    public EmbeddedChannel open() {
        EmbeddedChannel ch = new EmbeddedChannel(MqttPipeline.handlers(services));
        OPENED.add(ch);
        return ch;
    }

    /** Closes every channel opened by any harness and releases what tests left unread (call after each test). */
    public static void releaseAll() {
        for (EmbeddedChannel ch : OPENED) {
            ch.finishAndReleaseAll();
        }
        OPENED.clear();
    }

    /** Writes raw bytes as if they arrived from the device, then runs tasks queued on the channel's loop. */
    public static void send(EmbeddedChannel ch, byte[] bytes) {
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        ch.runPendingTasks();
    }

    /** Everything the gateway wrote so far, as bytes (buffers released). */
    public static byte[] written(EmbeddedChannel ch) {
        ch.runPendingTasks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Object o;
        while ((o = ch.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            out.write(bytes, 0, bytes.length);
        }
        return out.toByteArray();
    }

    /** Connects a device with the right credentials and discards the CONNACK. */
    public EmbeddedChannel connected(int version, String deviceId, String secret) {
        EmbeddedChannel ch = open();
        send(ch, MqttPackets.connect(version, deviceId, deviceId, secret, 60));
        written(ch);
        return ch;
    }
}
