package io.anju.sim.load;

import io.anju.common.model.DeviceType;
import io.anju.sim.testing.MiniBroker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Load mode against an in-test MQTT acceptor: every acknowledged message arrived, latency is measured. */
class LoadRunnerIT {

    private static List<LoadTarget> targets(int n) {
        return IntStream.range(0, n).mapToObj(i -> new LoadTarget(String.format("chg-%04d-1", i + 1),
                DeviceType.CHARGER, "s")).toList();
    }

    private static LoadReport run(MiniBroker broker, LoadSettings s, List<String> lines) throws InterruptedException {
        LoadStats stats = new LoadStats();
        List<LoadTarget> t = targets(s.connections());
        try (LoadClient c = s.client().equals("paho") ? new PahoLoadClient(s, t, stats) : new NettyLoadClient(s, t, stats)) {
            return new LoadRunner(s, c, stats, lines::add).run();
        }
    }

    @Test
    void nettyClient_pipelinesQos1_atTheTargetRate_andEveryAckedMessageArrived() throws Exception {
        try (MiniBroker broker = new MiniBroker(null)) {
            List<String> lines = new ArrayList<>();
            LoadReport r = run(broker, new LoadSettings("127.0.0.1", broker.port(), 4, 2000, 1, "charger", 2, "netty",
                    false, 50, 1000), lines);
            assertThat(r.connected()).isEqualTo(4);
            assertThat(r.errors()).isZero();
            assertThat(r.sent()).isBetween(3000L, 4200L);
            assertThat(r.acknowledged()).isEqualTo(r.sent());
            assertThat(broker.on("/telemetry")).hasSize((int) r.sent());
            assertThat(r.pubAck().p50Ms()).isPositive();
            assertThat(r.pubAck().p99Ms()).isGreaterThanOrEqualTo(r.pubAck().p50Ms());
            assertThat(r.pubAck().maxMs()).isGreaterThanOrEqualTo(r.pubAck().p999Ms());
            assertThat(r.connAck().count()).as("one CONNACK latency per connected device").isEqualTo(4);
            assertThat(r.connAck().p50Ms()).isPositive();
            assertThat(r.tcpConnect().count()).isEqualTo(4);
            assertThat(r.tcpConnect().maxMs()).isLessThanOrEqualTo(r.connAck().maxMs());
            assertThat(lines).anyMatch(l -> l.startsWith("connected 4/4"))
                    .anyMatch(l -> l.contains("rate=") && l.contains("acked=") && l.contains("errors=0"));
            assertThat(r.format()).contains("PUBACK ms", "p99.9", "CONNACK ms");
        }
    }

    @Test
    void pahoClient_publishesQos1_andIdleModeHoldsConnections() throws Exception {
        try (MiniBroker broker = new MiniBroker(null)) {
            LoadReport paho = run(broker, new LoadSettings("127.0.0.1", broker.port(), 2, 300, 1, "crowd", 1, "paho",
                    false, 20, 1000), new ArrayList<>());
            assertThat(paho.connected()).isEqualTo(2);
            assertThat(paho.acknowledged()).isEqualTo(paho.sent()).isGreaterThan(150);
            assertThat(paho.connAck().count()).isEqualTo(2);

            List<String> lines = new ArrayList<>();
            LoadReport idle = run(broker, new LoadSettings("127.0.0.1", broker.port(), 30, 1, 1, "charger", 1, "netty",
                    true, 10, 1000), lines);
            assertThat(idle.connected()).isEqualTo(30);
            assertThat(idle.sent()).isZero();
            assertThat(lines).anyMatch(l -> l.contains("connected=30 idle"));
        }
    }
}
