package io.anju.sim.gateway;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.Topics;
import io.anju.sim.load.LoadReport;
import io.anju.sim.load.LoadRunner;
import io.anju.sim.load.LoadSettings;
import io.anju.sim.load.LoadStats;
import io.anju.sim.load.LoadTarget;
import io.anju.sim.load.LoadTargets;
import io.anju.sim.load.NettyLoadClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load mode's Netty client, 20 connections at QoS 1 for 5 s, against a real gateway: every PUBACK the client
 * counted stands for exactly one record in anju.telemetry.charger, and each connection's records carry its
 * counter 0, 1, 2, … without a gap or a repeat.
 */
class LoadModeAgainstGatewayIT {

    @Test
    void everyAcknowledgedLoadMessageIsInKafka_exactlyOnce(@TempDir Path dir) throws Exception {
        try (GatewayUnderTest gw = GatewayUnderTest.start(dir, Map.of(
                "limits.messagesPerSecond", "1000", "limits.messageBurst", "2000"))) {
            LoadSettings settings = new LoadSettings("127.0.0.1", gw.node.server().mqttPort(), 20, 2_000, 1, "charger",
                    5, "netty", false, 100, 2_000);
            List<LoadTarget> targets = LoadTargets.pick(gw.credentials, gw.registry, settings);
            LoadStats stats = new LoadStats();
            List<String> progress = new CopyOnWriteArrayList<>();
            LoadReport report;
            try (NettyLoadClient client = new NettyLoadClient(settings, targets, stats)) {
                report = new LoadRunner(settings, client, stats, progress::add).run();
            }

            assertThat(report.connected()).as(String.join("\n", progress)).isEqualTo(20);
            assertThat(report.connectFailures()).isZero();
            assertThat(report.errors()).isZero();
            assertThat(report.acknowledged()).isPositive().isEqualTo(report.sent());

            try (KafkaTail tail = new KafkaTail(gw.kafka(), Topics.telemetry(DeviceType.CHARGER),
                    Topics.QUARANTINE)) {
                tail.readToEnd();
                assertThat(tail.on(Topics.QUARANTINE)).isEmpty();
                List<KafkaTail.Rec> telemetry = tail.on(Topics.telemetry(DeviceType.CHARGER));
                Set<String> ids = targets.stream().map(LoadTarget::deviceId).collect(Collectors.toSet());
                assertThat(telemetry).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.deviceId()).isIn(ids));
                assertThat((long) telemetry.size()).isEqualTo(report.acknowledged());
                Map<String, List<Long>> seqs = telemetry.stream().collect(Collectors.groupingBy(KafkaTail.Rec::deviceId,
                        Collectors.mapping(KafkaTail.Rec::seq, Collectors.toList())));
                assertThat(seqs).hasSize(20);
                seqs.forEach((id, s) -> assertThat(IntStream.range(0, s.size()).filter(i -> s.get(i) != i)
                        .mapToObj(i -> "#" + i + " has seq " + s.get(i)).limit(5).toList())
                        .as(id + ": records out of 0, 1, 2, …").isEmpty());
            }
        }
    }
}
