package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.registry.generate.GeneratorOptions;
import io.anju.common.registry.generate.RegistryGenerator;
import io.anju.jobs.JobsSettings;
import io.anju.jobs.command.StopPortCommand;
import io.anju.jobs.input.CameraDetection;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.DeviceSeen;
import io.anju.jobs.input.PortReading;
import io.anju.jobs.topology.AlertsJob;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class ElevatorConfirmationTest extends FireFixtures {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static List<FireSignal> confirm(CameraDetection... detections) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<CameraDetection> in = env.fromData(detections).assignTimestampsAndWatermarks(
                WatermarkStrategy.<CameraDetection>forBoundedOutOfOrderness(Duration.ofSeconds(2))
                        .withTimestampAssigner((d, ts) -> d.ts()));
        List<FireSignal> out = new ArrayList<>();
        try (CloseableIterator<FireSignal> it = ElevatorConfirmation.confirm(in, ElevatorSettings.defaults())
                .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void twoDetectionsOfOneCameraWithinTheWindowMakeOneConfirmation() throws Exception {
        List<FireSignal> out = confirm(
                detection(CAMERA, seconds(100), "ebike_in_elevator"),
                detection("cam-other", seconds(101), "smoke"),
                detection(CAMERA, seconds(103), "ebike_in_elevator"),
                // A background single on another camera, and one long after: no confirmation.
                detection("cam-0042-e2", seconds(102), "ebike_in_elevator"),
                detection(CAMERA, seconds(900), "ebike_in_elevator"));
        assertThat(out).hasSize(1);
        FireSignal c = out.get(0);
        assertThat(c.kind()).isEqualTo(FireSignal.Kind.EBIKE_IN_ELEVATOR_CONFIRMED);
        assertThat(c.deviceId()).isEqualTo(CAMERA);
        assertThat(c.ts()).isEqualTo(seconds(103));
        assertThat(c.value()).isEqualTo(3.0);
        assertThat(c.earlierSnapshotId()).isEqualTo(CAMERA + "-" + seconds(100));
        assertThat(c.snapshotId()).isEqualTo(CAMERA + "-" + seconds(103));
        assertThat(c.building()).isEqualTo("bldg-3");
        assertThat(c.compoundId()).isEqualTo(COMPOUND);
    }

    /**
     * The alerting job's graph ({@link AlertsJob#build}) on a mini cluster: a station's orange fire risk becomes red
     * while the elevator advisory of its compound is open (the compound's stage broadcasts the escalation to the
     * per-device detectors), and the red fire risk stops its port. Whether the escalation reaches the station before
     * or after its readings is up to the cluster; either way one revision is red and says why.
     */
    @Test
    void theAlertingJobRaisesAStationsFireRiskOneLevelWhileTheElevatorAdvisoryIsOpen(@TempDir Path dir)
            throws Exception {
        RegistryDocument registry = RegistryGenerator.generate(new GeneratorOptions(2020, true, 0)).document();
        Device camera = registry.devices().stream()
                .filter(d -> d.type() == DeviceType.CAMERA && "elevator".equals(d.camera().watches()))
                .filter(c -> chargerOf(registry, c.location().compoundId()) != null)
                .findFirst().orElseThrow();
        Device station = chargerOf(registry, camera.location().compoundId());
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, registry);
        JobsSettings settings = JobsSettings.defaults(registryFile, dir.resolve("jobs"));

        long t0 = BEGINNING;
        List<DeviceInput> inputs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ChargerTelemetry t = new ChargerTelemetry(station.id(), t0 + i * TELEMETRY_MS, station.location(), 228.0,
                    24.0, false, 35.0, List.of(new PortReading(1, "charging", 48.5, 4.0, 194.0, 100, 66.0)), null);
            inputs.add(new DeviceInput.Charger(seen(station, t.ts()), t));
        }
        for (long ts : new long[]{t0 + 60_000, t0 + 63_000}) {
            inputs.add(new DeviceInput.Camera(seen(camera, ts), new CameraDetection(camera.id(), ts,
                    camera.location(), "ebike_in_elevator", 0.93, camera.id() + "-" + ts, null, null)));
        }
        inputs.sort(Comparator.comparingLong(in -> in.seen().ts()));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<DeviceInput> envelopes = env.fromData(inputs, TypeInformation.of(DeviceInput.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<DeviceInput>forMonotonousTimestamps()
                        .withTimestampAssigner((in, ts) -> in.seen().ts()));
        String run = UUID.randomUUID().toString();
        AlertsJob.build(envelopes, settings, new AlertsJob.Sinks(new Collecting<>(run + "/alerts"),
                new Collecting<>(run + "/commands"), new Collecting<>(run + "/zones")));
        env.execute();

        List<Alert> alerts = Collecting.<Alert>of(run + "/alerts").stream()
                // The end of the input moves event time to its end: every device of the test then goes offline.
                .filter(a -> a.type() != AlertType.DEVICE_OFFLINE).toList();
        String building = camera.location().compoundId() + "/" + camera.camera().building();
        assertThat(alerts).filteredOn(a -> a.status() == AlertStatus.RAISED).extracting(Alert::type)
                .containsExactlyInAnyOrder(AlertType.FIRE_RISK, AlertType.EBIKE_IN_ELEVATOR);
        Alert red = alerts.stream().filter(a -> a.type() == AlertType.FIRE_RISK && a.severity() == Severity.RED)
                .findFirst().orElseThrow();
        assertThat(red.summary()).endsWith("; raised one level: e-bike in the elevator of " + building);
        List<StopPortCommand> commands = Collecting.of(run + "/commands");
        assertThat(commands).singleElement().satisfies(c -> {
            assertThat(c.deviceId()).isEqualTo(station.id());
            assertThat(c.port()).isEqualTo(1);
            assertThat(c.reason()).isEqualTo("alert " + red.id());
        });
    }

    private static Device chargerOf(RegistryDocument registry, String compoundId) {
        return registry.devices().stream()
                .filter(d -> d.type() == DeviceType.CHARGER && compoundId.equals(d.location().compoundId()))
                .findFirst().orElse(null);
    }

    private static DeviceSeen seen(Device d, long ts) {
        return new DeviceSeen(d.id(), d.type(), ts, d.location(), false);
    }

    /** A sink that keeps what it is given in this JVM, under its name (the mini cluster runs in the test's JVM). */
    private record Collecting<T>(String name) implements Sink<T> {
        private static final Map<String, List<Object>> WRITTEN = new ConcurrentHashMap<>();

        @SuppressWarnings("unchecked")
        static <T> List<T> of(String name) {
            return (List<T>) List.copyOf(WRITTEN.getOrDefault(name, List.of()));
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            List<Object> into = WRITTEN.computeIfAbsent(name, n -> Collections.synchronizedList(new ArrayList<>()));
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    into.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void detectionsSixSecondsApartOrDifferentCamerasConfirmNothing() throws Exception {
        assertThat(confirm(
                detection(CAMERA, seconds(100), "ebike_in_elevator"),
                detection(CAMERA, seconds(106), "ebike_in_elevator"),
                detection("cam-0042-e2", seconds(200), "ebike_in_elevator"),
                detection("cam-0042-e3", seconds(201), "ebike_in_elevator"))).isEmpty();
    }
}
