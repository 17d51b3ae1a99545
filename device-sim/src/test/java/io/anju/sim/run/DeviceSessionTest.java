package io.anju.sim.run;

import io.anju.common.auth.DeviceToken;
import io.anju.common.json.Json;
import io.anju.sim.behaviour.ChargerBehaviour;
import io.anju.sim.clock.Scenario;
import io.anju.sim.clock.SimClock;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.firmware.FirmwareFlaw;
import io.anju.sim.link.Backoff;
import io.anju.sim.link.ConnectSpec;
import io.anju.sim.link.DeviceLink;
import io.anju.sim.link.LinkException;
import io.anju.sim.testing.TinyRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static io.anju.sim.testing.TinyRegistry.EVENING;
import static io.anju.sim.testing.TinyRegistry.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The session layer over a recording link: reconnect loop, Will, command replies, injected outages. */
class DeviceSessionTest {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final AtomicLong nanos = new AtomicLong();
    private final SimClock clock = new SimClock(EVENING, 1, nanos::get);
    private final SimStats stats = new SimStats();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** Records what the session does to its connection; fails the first {@code failures} connects. */
    static final class RecordingLink implements DeviceLink {
        final List<ConnectSpec> connects = new CopyOnWriteArrayList<>();
        final List<Long> connectNanos = new CopyOnWriteArrayList<>();
        final List<String> subscriptions = new CopyOnWriteArrayList<>();
        final List<String> published = new CopyOnWriteArrayList<>();
        final List<byte[]> payloads = new CopyOnWriteArrayList<>();
        final AtomicInteger drops = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        volatile int failures;
        volatile boolean connected;
        volatile BiConsumer<String, byte[]> handler;
        volatile Consumer<Throwable> lost;

        @Override
        public void connect(ConnectSpec spec) throws LinkException {
            connects.add(spec);
            connectNanos.add(System.nanoTime());
            if (failures > 0) {
                failures--;
                throw new LinkException("refused", 5, null);
            }
            connected = true;
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public void subscribe(String topic, BiConsumer<String, byte[]> h) {
            subscriptions.add(topic);
            handler = h;
        }

        @Override
        public void publish(String topic, byte[] payload, int qos, Consumer<Throwable> onDone) {
            published.add(topic);
            payloads.add(payload);
            onDone.accept(null);
        }

        @Override
        public void onConnectionLost(Consumer<Throwable> listener) {
            lost = listener;
        }

        @Override
        public void drop() {
            drops.incrementAndGet();
            connected = false;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            connected = false;
        }

        @Override
        public int protocolVersion() {
            return 3;
        }
    }

    private DeviceSession session(RecordingLink link, boolean tokenAuth, FaultSpec... faults) {
        return session(link, tokenAuth, new Backoff(1, 20, new Random(3)), faults);
    }

    private DeviceSession session(RecordingLink link, boolean tokenAuth, Backoff backoff, FaultSpec... faults) {
        ChargerBehaviour b = new ChargerBehaviour(TinyRegistry.charger(TinyRegistry.CHARGER), new Random(1),
                List.of(faults), Scenario.EVENING, EVENING);
        LinkSettings settings = new LinkSettings("tcp://127.0.0.1:1", null, tokenAuth, 60, () -> 1_764_378_000_000L);
        return new DeviceSession(b, link, "s3cret", settings, backoff, scheduler, clock, stats, null);
    }

    @Test
    void noBackoffFirmware_hammersARefusingGatewayEvery200ms() {
        RecordingLink link = new RecordingLink();
        link.failures = 6;
        Backoff flawed = FirmwareFlaw.NO_BACKOFF.backoff(new Backoff(1_000, 120_000, new Random(3)));
        session(link, false, flawed).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.connected.get() == 1);
        assertThat(link.connects).hasSize(7);
        for (int i = 1; i < link.connectNanos.size(); i++) {
            long gapMs = (link.connectNanos.get(i) - link.connectNanos.get(i - 1)) / 1_000_000;
            assertThat(gapMs).as("gap before attempt %d", i).isBetween(190L, 600L);
        }
    }

    @Test
    void retriesWithBackoff_thenConnectsAsTheDevice_withWill_subscribesToItsCommands_andAnnouncesOnline() throws Exception {
        RecordingLink link = new RecordingLink();
        link.failures = 2;
        DeviceSession s = session(link, false);
        s.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.connected.get() == 1);

        assertThat(link.connects).hasSize(3);
        assertThat(stats.connectFailures.sum()).isEqualTo(2);
        ConnectSpec spec = link.connects.get(2);
        assertThat(spec.clientId()).isEqualTo(TinyRegistry.CHARGER);
        assertThat(spec.password()).isEqualTo("s3cret");
        assertThat(spec.keepAliveS()).isEqualTo(60);
        assertThat(spec.willTopic()).isEqualTo("anju/v1/charger/chg-0001-1/status");
        assertThat(Json.tree(spec.willPayload()).get("state").asText()).isEqualTo("offline");
        assertThat(link.subscriptions).containsExactly("anju/v1/charger/chg-0001-1/command");
        assertThat(link.published).first().isEqualTo("anju/v1/charger/chg-0001-1/status");
        // Two refused attempts used up no seq: the accepted connection's Will has 0, the online status 1.
        assertThat(Json.tree(spec.willPayload()).get("seq").asLong()).isZero();
        assertThat(Json.tree(link.payloads.get(0)).get("seq").asLong()).isEqualTo(1);
        s.close();
        assertThat(link.closes.get()).isEqualTo(1);
        assertThat(link.drops.get()).isEqualTo(2);
    }

    @Test
    void tokenAuth_sendsASignedTokenInsteadOfTheSecret_aFreshOneForEveryConnect() {
        RecordingLink link = new RecordingLink();
        link.failures = 2;   // three CONNECTs within one millisecond of the (fixed) wall clock
        session(link, true).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.connected.get() == 1);
        List<String> passwords = link.connects.stream().map(ConnectSpec::password).toList();
        assertThat(passwords.get(0)).startsWith("hmac-sha256:1764378000000:");
        assertThat(passwords).as("the gateway takes a token once").hasSize(3).doesNotHaveDuplicates();
        DeviceToken.Window gatewayDefaults = new DeviceToken.Window(300_000, 30_000);
        assertThat(passwords).allSatisfy(p -> assertThat(
                DeviceToken.verify(TinyRegistry.CHARGER, "s3cret", p, 1_764_378_000_000L, gatewayDefaults)).isTrue());
    }

    @Test
    void commandFromTheGateway_isAnsweredOnCommandReply() throws Exception {
        RecordingLink link = new RecordingLink();
        session(link, false).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> link.handler != null && stats.connected.get() == 1);
        link.handler.accept("anju/v1/charger/chg-0001-1/command",
                "{\"id\":\"u-1\",\"action\":\"stop_port\",\"port\":2}".getBytes(StandardCharsets.UTF_8));
        int i = link.published.indexOf("anju/v1/charger/chg-0001-1/command/reply");
        assertThat(i).isNotNegative();
        var reply = Json.tree(link.payloads.get(i));
        assertThat(reply.get("id").asText()).isEqualTo("u-1");
        assertThat(reply.get("result").asText()).isEqualTo("ok");
        assertThat(stats.commands.sum()).isEqualTo(1);
    }

    @Test
    void injectedOutage_dropsWithoutDisconnect_staysSilent_thenReconnects() {
        long start = EVENING + 5 * MINUTE;
        RecordingLink link = new RecordingLink();
        DeviceSession s = session(link, false,
                new FaultSpec(FaultKind.OFFLINE, TinyRegistry.CHARGER, null, start, start + 10 * MINUTE, 0));
        s.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.connected.get() == 1);
        s.tick(start - MINUTE);
        int before = link.published.size();

        s.tick(start + MINUTE);
        assertThat(link.drops.get()).isEqualTo(1);
        assertThat(link.closes.get()).isZero();
        assertThat(stats.connected.get()).isZero();
        s.tick(start + 9 * MINUTE);
        assertThat(link.published).hasSize(before);
        assertThat(link.connects).hasSize(1);

        s.tick(start + 10 * MINUTE + 30_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.connected.get() == 1);
        assertThat(link.connects).hasSize(2);
    }

    @Test
    void lostConnection_isReestablished() {
        RecordingLink link = new RecordingLink();
        session(link, false).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.connected.get() == 1);
        link.connected = false;
        link.lost.accept(new IllegalStateException("socket closed"));
        await().atMost(Duration.ofSeconds(5)).until(() -> link.connects.size() == 2 && stats.connected.get() == 1);
    }
}
