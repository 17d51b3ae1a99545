package io.anju.jobs.history;

import io.anju.common.alert.AlertStatus;
import io.anju.jobs.input.GateEvent;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.anju.jobs.history.SeriesPointsTest.COMPOUND;
import static io.anju.jobs.history.SeriesPointsTest.TS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The history sink against a real influxd: what is written is what a dashboard reads back, once, even across outages. */
class InfluxSinkIT {
    @RegisterExtension
    static final InfluxServer INFLUX = new InfluxServer();

    InfluxSettings settings;
    InfluxDB reader;

    @BeforeEach
    void setUp(TestInfo test) {
        INFLUX.start();
        String db = "it_" + test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        settings = InfluxSettings.defaults().withUrl(INFLUX.url()).withDatabase(db)
                .withBatching(100, Duration.ofMillis(200))
                .withRetries(2, Duration.ofMillis(50), Duration.ofMillis(100));
        reader = InfluxDBFactory.connect(INFLUX.url());
    }

    @AfterEach
    void tearDown() {
        reader.close();
    }

    InfluxSinkWriter writer(InfluxSettings s) throws Exception {
        return InfluxSinkWriter.open(s, InfluxLineStore.connect(s), new UnregisteredMetricsGroup(), null,
                Thread::sleep);
    }

    static void writeAll(InfluxSinkWriter w, List<SeriesPoint> points) throws Exception {
        for (SeriesPoint p : points) {
            w.write(p, null);
        }
    }

    /** Rows of an InfluxQL query, column name to value, times as epoch ms. */
    List<Map<String, Object>> rows(String influxQl) {
        QueryResult result = reader.query(new Query(influxQl, settings.database()), TimeUnit.MILLISECONDS);
        assertThat(result.getError()).isNull();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            assertThat(r.getError()).isNull();
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                for (List<Object> values : s.getValues()) {
                    Map<String, Object> row = new HashMap<>();
                    if (s.getTags() != null) {
                        row.putAll(s.getTags());
                    }
                    for (int i = 0; i < s.getColumns().size(); i++) {
                        row.put(s.getColumns().get(i), values.get(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    long count(String measurement, String field) {
        List<Map<String, Object>> r = rows("SELECT count(\"" + field + "\") FROM \"" + measurement + "\"");
        return r.isEmpty() ? 0 : ((Number) r.get(0).get("count")).longValue();
    }

    static List<SeriesPoint> ports(int messages) {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            var t = SeriesPointsTest.telemetry();
            points.addAll(SeriesPoints.chargerPorts(new io.anju.jobs.input.ChargerTelemetry(t.deviceId(),
                    TS + i * 30_000L, t.location(), t.mainsV(), t.ambientC(), t.smoke(), t.leakageMa(), t.ports(),
                    t.limits())));
        }
        return points;
    }

    @Test
    void writtenPoints_readBackWithTheirTagsFieldsAndTimestamps() throws Exception {
        try (InfluxSinkWriter w = writer(settings)) {
            writeAll(w, SeriesPoints.charger(SeriesPointsTest.telemetry()));
            w.write(SeriesPoints.alert(SeriesPointsTest.alert("chg-000123#3", 1, AlertStatus.RAISED)), null);
            w.write(SeriesPoints.alert(SeriesPointsTest.alert("chg-000123#4", 1, AlertStatus.RAISED)), null);
            w.flush(false);
        }

        List<Map<String, Object>> port3 = rows("SELECT * FROM charger_port WHERE device = 'chg-000123' AND port = '3'");
        assertThat(port3).singleElement().satisfies(row -> {
            assertThat(((Number) row.get("time")).longValue()).isEqualTo(TS);
            assertThat(row).containsEntry("state", "charging").containsEntry("compound", "cp-0117")
                    .containsEntry("grid", "gr-0042").containsEntry("power_w", 455.0)
                    .containsEntry("current_a", 2.0).containsEntry("temp_c", 35.0);
        });
        assertThat(rows("SHOW TAG KEYS FROM charger_port")).extracting(r -> r.get("tagKey"))
                .containsExactlyInAnyOrder("compound", "device", "grid", "port", "state");
        assertThat(rows("SELECT busy_ports, smoke, total_power_w FROM charger_station")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("busy_ports", 2.0).containsEntry("smoke", false)
                        .containsEntry("total_power_w", 728.6));
        assertThat(rows("SELECT source_id, summary FROM alert WHERE type = 'port_overload' AND severity = 'orange'"))
                .as("two alerts in the same millisecond are both kept").extracting(r -> r.get("source_id"))
                .containsExactlyInAnyOrder("chg-000123#3", "chg-000123#4");
    }

    @Test
    void replayOfTheSamePoints_doesNotDuplicate() throws Exception {
        List<SeriesPoint> points = new ArrayList<>(ports(10));
        points.add(SeriesPoints.alert(SeriesPointsTest.alert("chg-000123#3", 1, AlertStatus.RAISED)));
        try (InfluxSinkWriter w = writer(settings)) {
            writeAll(w, points);
            w.flush(false);
        }
        assertThat(count("charger_port", "power_w")).isEqualTo(30);

        try (InfluxSinkWriter replay = writer(settings)) {
            writeAll(replay, points);
            replay.flush(true);
        }

        assertThat(count("charger_port", "power_w")).isEqualTo(30);
        assertThat(count("alert", "id")).isEqualTo(1);
    }

    @Test
    void influxDown_writerFailsAfterRetries_andTheReplayAfterRestartLosesNothing() throws Exception {
        List<SeriesPoint> beforeCheckpoint = ports(5);
        List<SeriesPoint> all = ports(12);
        InfluxSinkWriter w = writer(settings);
        writeAll(w, beforeCheckpoint);
        w.flush(false);

        INFLUX.stop();
        writeAll(w, all.subList(beforeCheckpoint.size(), all.size()));
        assertThatThrownBy(() -> w.flush(false)).isInstanceOf(IOException.class)
                .hasMessageContaining("failed after 2 retries");
        w.close();

        // Flink restarts the job from the last checkpoint: Kafka replays everything after it (here with an overlap).
        INFLUX.start();
        try (InfluxSinkWriter restarted = writer(settings)) {
            writeAll(restarted, all.subList(beforeCheckpoint.size() - 3, all.size()));
            restarted.flush(false);
        }

        assertThat(count("charger_port", "power_w")).isEqualTo(all.size());
    }

    @Test
    void shortOutage_isBridgedByRetries_whileTheFlushBlocks() throws Exception {
        InfluxSettings patient = settings.withRetries(50, Duration.ofMillis(100), Duration.ofMillis(200));
        InfluxSinkWriter w = writer(patient);
        INFLUX.stop();
        writeAll(w, ports(4));

        CompletableFuture<Void> checkpoint = CompletableFuture.runAsync(() -> {
            try {
                w.flush(false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(600);
        assertThat(checkpoint).as("the checkpoint waits for InfluxDB").isNotDone();
        INFLUX.start();
        checkpoint.get(30, TimeUnit.SECONDS);
        w.close();

        assertThat(count("charger_port", "power_w")).isEqualTo(12);
    }

    /** The Sink V2 wiring in a real Flink job: gate minute windows and charger points end up in InfluxDB. */
    @Test
    void flinkJob_writesGateMinutesAndChargerPointsThroughTheSink() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        List<GateEvent> gateEvents = IntStream.range(0, 130)
                .mapToObj(i -> new GateEvent("gate-0009", TS + i * 1_000L, COMPOUND, i % 10 == 0 ? "denied" : "pass",
                        i % 2 == 0 ? "in" : "out", "face", "resident", null))
                .toList();
        DataStream<SeriesPoint> gateMinutes = GateMinuteCounts.perMinute(env.fromData(gateEvents)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<GateEvent>forMonotonousTimestamps()
                        .withTimestampAssigner((e, ts) -> e.ts()))
                .keyBy(GateEvent::deviceId));
        DataStream<SeriesPoint> chargers = env.fromData(ports(3), TypeInformation.of(SeriesPoint.class));

        gateMinutes.union(chargers).sinkTo(new InfluxSink(settings)).name("influx-history");
        env.execute("influx-sink-it");

        List<Map<String, Object>> minutes = rows("SELECT * FROM gate_traffic WHERE device = 'gate-0009'");
        assertThat(minutes).extracting(r -> ((Number) r.get("time")).longValue())
                .containsExactly(TS, TS + 60_000, TS + 120_000);
        assertThat(minutes.get(0)).containsEntry("pass_in", 24.0).containsEntry("pass_out", 30.0)
                .containsEntry("denied", 6.0).containsEntry("compound", "cp-0117");
        assertThat(count("charger_port", "power_w")).isEqualTo(9);
    }
}
