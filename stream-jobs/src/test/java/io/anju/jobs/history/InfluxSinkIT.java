package io.anju.jobs.history;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.Evidence;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.jobs.detect.crowd.ZoneStatus;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.DeviceSeen;
import io.anju.jobs.input.GateEvent;
import io.anju.jobs.input.PortReading;
import io.anju.jobs.topology.HistoryJob;
import io.anju.testsupport.InfluxServer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
        settings = InfluxSettingsTest.DEFAULTS.withUrl(INFLUX.url()).withDatabase(db)
                .withBatching(100, Duration.ofMillis(200))
                .withRetries(2, Duration.ofMillis(50), Duration.ofMillis(100))
                .withCredentials(INFLUX.username(), INFLUX.password());
        reader = InfluxDBFactory.connect(INFLUX.url(), INFLUX.username(), INFLUX.password());
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

    /** One station point per message, 30 s apart. */
    static List<SeriesPoint> stations(int messages) {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            points.add(SeriesPoints.chargerStation(telemetryAt(TS + i * 30_000L)));
        }
        return points;
    }

    static ChargerTelemetry telemetryAt(long ts) {
        ChargerTelemetry t = SeriesPointsTest.telemetry();
        return new ChargerTelemetry(t.deviceId(), ts, t.location(), t.mainsV(), t.ambientC(), t.smoke(),
                t.leakageMa(), t.ports(), t.limits());
    }

    @Test
    void writtenPoints_readBackWithTheirTagsFieldsAndTimestamps() throws Exception {
        ChargerTelemetry t = SeriesPointsTest.telemetry();
        PortMinute minute = PortMinute.of(t.deviceId(), t.location(), TS);
        for (int i = 0; i < 3; i++) {
            minute.add(TS + i * 20_000L, new PortReading(3, "charging", 48.0, 2.0, 100.0 * (i + 1), 100.5, 35.0));
        }
        Alert overload = SeriesPointsTest.alert("chg-000123#3", 1, AlertStatus.RAISED,
                List.of(Evidence.portReading(TS - 5_000, "chg-000123", 3, "powerW", 1_250.0, "W")));
        try (InfluxSinkWriter w = writer(settings)) {
            w.write(SeriesPoints.chargerStation(t), null);
            w.write(SeriesPoints.chargerPort(t, t.ports().get(2), "idle"), null);
            w.write(SeriesPoints.chargerPortMinute(minute, 0), null);
            writeAll(w, SeriesPoints.alertWithEvidence(overload));
            w.write(SeriesPoints.alert(SeriesPointsTest.alert("chg-000123#4", 1, AlertStatus.RAISED)), null);
            w.flush(false);
        }

        List<Map<String, Object>> port3 = rows("SELECT * FROM charger_port WHERE device = 'chg-000123' AND port = '3'");
        assertThat(port3).singleElement().satisfies(row -> {
            assertThat(((Number) row.get("time")).longValue()).isEqualTo(TS);
            assertThat(row).containsEntry("state", "charging").containsEntry("compound", "cp-0117")
                    .containsEntry("grid", "gr-0042").containsEntry("power_w", 455.0)
                    .containsEntry("current_a", 2.0).containsEntry("temp_c", 35.0)
                    .containsEntry("previous_state", "idle");
        });
        assertThat(rows("SHOW TAG KEYS FROM charger_port")).extracting(r -> r.get("tagKey"))
                .containsExactlyInAnyOrder("compound", "device", "grid", "port", "state");
        assertThat(rows("SELECT * FROM charger_port_minute WHERE device = 'chg-000123' AND port = '3'"))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("time", (double) TS)
                        .containsEntry("power_w_min", 100.0).containsEntry("power_w_mean", 200.0)
                        .containsEntry("power_w_max", 300.0).containsEntry("readings", 3.0)
                        .containsEntry("state_last", "charging").containsEntry("compound", "cp-0117"));
        assertThat(rows("SHOW TAG KEYS FROM charger_port_minute")).extracting(r -> r.get("tagKey"))
                .containsExactlyInAnyOrder("compound", "device", "grid", "port");
        assertThat(rows("SELECT busy_ports, smoke, total_power_w FROM charger_station")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("busy_ports", 2.0).containsEntry("smoke", false)
                        .containsEntry("total_power_w", 728.6));
        assertThat(rows("SELECT source_id, summary FROM alert WHERE type = 'port_overload' AND severity = 'orange'"))
                .as("two alerts in the same millisecond are both kept").extracting(r -> r.get("source_id"))
                .containsExactlyInAnyOrder("chg-000123#3", "chg-000123#4");
        assertThat(rows("SELECT \"value\", unit FROM alert_evidence WHERE alert_id = '" + overload.id() + "'"))
                .as("the cited reading, at its own time").singleElement()
                .satisfies(row -> assertThat(row).containsEntry("time", (double) (TS - 5_000))
                        .containsEntry("value", 1_250.0).containsEntry("unit", "W"));
    }

    @Test
    void replayOfTheSamePoints_doesNotDuplicate() throws Exception {
        List<SeriesPoint> points = new ArrayList<>(stations(10));
        points.add(SeriesPoints.alert(SeriesPointsTest.alert("chg-000123#3", 1, AlertStatus.RAISED)));
        try (InfluxSinkWriter w = writer(settings)) {
            writeAll(w, points);
            w.flush(false);
        }
        assertThat(count("charger_station", "total_power_w")).isEqualTo(10);

        try (InfluxSinkWriter replay = writer(settings)) {
            writeAll(replay, points);
            replay.flush(true);
        }

        assertThat(count("charger_station", "total_power_w")).isEqualTo(10);
        assertThat(count("alert", "id")).isEqualTo(1);
    }

    @Test
    void influxDown_writerFailsAfterRetries_andTheReplayAfterRestartLosesNothing() throws Exception {
        List<SeriesPoint> beforeCheckpoint = stations(5);
        List<SeriesPoint> all = stations(12);
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

        assertThat(count("charger_station", "total_power_w")).isEqualTo(all.size());
    }

    @Test
    void shortOutage_isBridgedByRetries_whileTheFlushBlocks() throws Exception {
        InfluxSettings patient = settings.withRetries(50, Duration.ofMillis(100), Duration.ofMillis(200));
        InfluxSinkWriter w = writer(patient);
        INFLUX.stop();
        writeAll(w, stations(4));

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

        assertThat(count("charger_station", "total_power_w")).isEqualTo(4);
    }

    /**
     * The history job's graph in a real Flink job, with Kryo off as in production, into InfluxDB: known answers for
     * every measurement. Three ten-port stations report every 30 s for five minutes; one port starts charging once.
     */
    @Test
    void historyJob_writesEveryMeasurement_knownAnswers() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, Configuration.fromMap(
                Map.of("pipeline.generic-types", "false", "pipeline.object-reuse", "true")));
        List<DeviceInput> inputs = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            GateEvent e = new GateEvent("gate-0009", TS + i * 1_000L, COMPOUND, i % 10 == 0 ? "denied" : "pass",
                    i % 2 == 0 ? "in" : "out", "face", "resident", null);
            inputs.add(new DeviceInput.Gate(new DeviceSeen(e.deviceId(), DeviceType.GATE, e.ts(), COMPOUND, false), e));
        }
        for (int i = 0; i < 10; i++) {
            for (String station : List.of("chg-a", "chg-b", "chg-c")) {
                inputs.add(tenPorts(station, TS + i * 30_000L, station.equals("chg-a") && i >= 4));
            }
        }
        inputs.sort(Comparator.comparingLong(in -> in.seen().ts()));
        // One source task and one watermark task, then by device: each device's readings reach one task of the
        // job in order, as a Kafka partition keeps them (a rebalance would let a station's readings overtake).
        DataStream<DeviceInput> devices = env.fromData(inputs, TypeInformation.of(DeviceInput.class))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<DeviceInput>forMonotonousTimestamps()
                        .withTimestampAssigner((in, ts) -> in.seen().ts()))
                .setParallelism(1)
                .keyBy(in -> in.seen().deviceId(), Types.STRING);
        LocationChain zone = new LocationChain("sd-01", "cm-01", "gr-0001", null, "bym-z03");
        DataStream<SeriesPoint> zones = env.fromData(List.of(
                SeriesPoints.crowdZone(new ZoneStatus("bym-z03", "crd-0007", zone, TS, 412, 0.515, 0.412, null, null,
                        null, null, null, 20.0, 18.0, false)),
                SeriesPoints.crowdZone(new ZoneStatus("bym-z03", "crd-0007", zone, TS + 10_000, 414, 0.518, 0.414,
                        null, null, null, null, null, 21.0, 18.0, false))), TypeInformation.of(SeriesPoint.class));
        DataStream<SeriesPoint> alerts = env.fromData(SeriesPoints.alertWithEvidence(SeriesPointsTest.alert("chg-a#1",
                        1, AlertStatus.RAISED, List.of(Evidence.portReading(TS, "chg-a", 1, "powerW", 1_250.0, "W"),
                                Evidence.portReading(TS, "chg-a", 1, "currentA", 26.0, "A")))),
                TypeInformation.of(SeriesPoint.class));

        HistoryJob.build(devices, zones, alerts, new InfluxSink(settings));
        env.execute("history-job-it");

        assertThat(count("charger_station", "total_power_w")).as("every telemetry").isEqualTo(30);
        assertThat(count("charger_port_minute", "readings")).as("3 stations × 10 ports × 5 minutes").isEqualTo(150);
        assertThat(rows("SELECT sum(readings) FROM charger_port_minute")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("sum", 300.0));
        assertThat(count("charger_port", "power_w")).as("30 first readings and one change").isEqualTo(31);
        assertThat(rows("SELECT previous_state, power_w FROM charger_port WHERE state = 'charging'"))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("time", (double) (TS + 120_000))
                        .containsEntry("previous_state", "idle"));
        List<Map<String, Object>> minutes = rows("SELECT * FROM gate_traffic WHERE device = 'gate-0009'");
        assertThat(minutes).extracting(r -> ((Number) r.get("time")).longValue())
                .containsExactly(TS, TS + 60_000, TS + 120_000);
        assertThat(minutes.get(0)).containsEntry("pass_in", 24.0).containsEntry("pass_out", 30.0)
                .containsEntry("denied", 6.0).containsEntry("compound", "cp-0117");
        assertThat(count("crowd_zone", "occupancy")).isEqualTo(2);
        assertThat(count("alert", "id")).isEqualTo(1);
        assertThat(count("alert_evidence", "value")).isEqualTo(2);
    }

    /** A ten-port station's telemetry; port 1 charges when {@code charging}, the others idle. */
    static DeviceInput tenPorts(String station, long ts, boolean charging) {
        List<PortReading> ports = new ArrayList<>();
        ports.add(charging ? new PortReading(1, "charging", 48.0, 5.0, 240.0, 12.0, 33.0)
                : new PortReading(1, "idle", 0, 0, 0, 0, 24.0));
        for (int no = 2; no <= 10; no++) {
            ports.add(new PortReading(no, "idle", 0, 0, 0, 0, 24.0));
        }
        ChargerTelemetry t = new ChargerTelemetry(station, ts, COMPOUND, 228, 22, false, 2, ports,
                ChargerLimits.DEFAULTS);
        return new DeviceInput.Charger(new DeviceSeen(station, DeviceType.CHARGER, ts, COMPOUND, false), t);
    }
}
