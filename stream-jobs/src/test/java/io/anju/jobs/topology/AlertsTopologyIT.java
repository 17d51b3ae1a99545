package io.anju.jobs.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.command.DeviceCommand;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Envelope;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryWriter;
import io.anju.jobs.command.StopOutcome;
import io.anju.jobs.command.StopPortCommands;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.detect.crowd.ZoneStatus;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.DeviceInputTypeInfo;
import io.anju.jobs.input.EnvelopeDecoder;
import io.anju.jobs.input.StopDelivery;
import io.anju.jobs.registry.RegistrySource;
import io.anju.jobs.time.ClockRule;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The whole alerting graph ({@link AlertsJob#build(org.apache.flink.streaming.api.datastream.DataStream,
 * JobsSettings, RegistrySource, AlertsJob.Sinks)}) in a MiniCluster with parallelism 2, without Kafka: envelopes as the gateway writes
 * them are decoded by the job's own decoder and clock rule, get the job's event time and watermarks, and go through
 * every operator into collecting sinks. Runs with the job's own configuration: no Kryo, object reuse.
 */
class AlertsTopologyIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long T0 = 1_795_900_000_000L;
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;

    @TempDir
    Path dir;
    private RegistryDocument registry;
    private JobsSettings settings;
    private final CollectingSink<Alert> alerts = new CollectingSink<>();
    private final CollectingSink<DeviceCommand> commands = new CollectingSink<>();
    private final CollectingSink<StopOutcome> outcomes = new CollectingSink<>();
    private final CollectingSink<ZoneStatus> zones = new CollectingSink<>();
    private long seq;

    @BeforeEach
    void registry() {
        registry = RegistryGenerator.generate(new GeneratorOptions(2020, true, 0)).document();
        Path file = dir.resolve("registry.json");
        RegistryWriter.write(file, registry);
        settings = JobsSettings.defaults(file, dir.resolve("jobs"));
    }

    private void run(List<byte[]> envelopes) throws Exception {
        run(envelopes, 2);
    }

    private void run(List<byte[]> envelopes, int parallelism) throws Exception {
        List<DeviceInput> inputs = new ArrayList<>();
        for (byte[] e : envelopes) {
            inputs.add(decode(e));
        }
        runInputs(inputs, parallelism);
    }

    private DeviceInput decode(byte[] envelope) throws EnvelopeDecoder.UndecodableEnvelope {
        return new EnvelopeDecoder(new ClockRule(settings.clockTolerance()), () -> { }).decode(envelope);
    }

    /** Runs the job on decoded inputs: envelopes, and the other topics' records the alerting job reads. */
    private void runInputs(List<DeviceInput> inputs, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(Configuration.fromMap(settings.jobConfiguration()));
        env.setParallelism(parallelism);
        // Like Kafka partitions keyed by device: each device's inputs reach one reader, in order.
        DataStream<DeviceInput> readers = env.fromData(inputs, new DeviceInputTypeInfo())
                .keyBy(in -> in.seen().deviceId(), Types.STRING)
                .map(in -> in).returns(new DeviceInputTypeInfo()).name("readers");
        AlertsJob.build(readers.assignTimestampsAndWatermarks(DeviceStreams.watermarks(settings)), settings,
                RegistrySource.of(settings.registry(), settings.registryPoll(), null),
                new AlertsJob.Sinks(alerts, commands, outcomes, zones));
        env.execute("alerts under test");
    }

    @Test
    void aRedFireRisk_isAlerted_stopsTheSuspectPortOnce_andTheChargersReadingsAfterItsDeliveryConfirmIt()
            throws Exception {
        Device station = first(DeviceType.CHARGER);
        // The fire risk is raised red by the fourth reading (smoke), so its id and its stop's are known beforehand.
        String alertId = Alert.idFor(Alert.dedupKey(AlertType.FIRE_RISK, station.id()), T0 + 90 * SECOND);
        String stopId = StopPortCommands.forAlert(alertId, station.id(), 1, 0, 0).id();
        List<DeviceInput> in = new ArrayList<>();
        // The gateway's report, read before the stop is even asked for (another topic): delivered after reading 4.
        in.add(DeviceInput.Delivered.of(new StopDelivery(station.id(), stopId, "gw-test", T0 + 125 * SECOND)));
        for (int i = 0; i < 6; i++) {
            long ts = T0 + i * 30 * SECOND;
            // red from the fourth reading on (smoke); the port draws nothing from the fifth (after an earlier stop,
            // say): only the sixth, received after the delivery, confirms this one
            in.add(decode(envelope(station, Channel.TELEMETRY, ts, ts,
                    chargerTelemetry(ts, i >= 3, 70.0, i >= 4 ? 0.0 : 700.0))));
        }
        runInputs(in, 2);

        Alert red = of(AlertType.FIRE_RISK).stream().filter(a -> a.severity() == Severity.RED).findFirst()
                .orElseThrow();
        assertThat(red.deviceId()).isEqualTo(station.id());
        assertThat(red.id()).as("raised by the fourth reading").isEqualTo(alertId);
        assertThat(commands.written()).singleElement().satisfies(c -> {
            assertThat(c.deviceId()).isEqualTo(station.id());
            assertThat(c.action()).isEqualTo("stop_port");
            assertThat(c.port()).isEqualTo(red.port());
            assertThat(c.reason()).isEqualTo("alert " + red.id());
        });
        assertThat(outcomes.written()).singleElement().satisfies(o -> {
            assertThat(o.outcome()).isEqualTo("confirmed");
            assertThat(o.commandId()).isEqualTo(commands.written().get(0).id()).isEqualTo(stopId);
            assertThat(o.alertId()).isEqualTo(red.id());
            assertThat(o.at()).isEqualTo(T0 + 150 * SECOND);
        });
        assertThat(of(AlertType.STOP_UNCONFIRMED)).isEmpty();
    }

    @Test
    void anEbikeInTheElevator_raisesTheCompoundsOpenFireRiskOneLevel_throughTheBroadcast() throws Exception {
        Device camera = elevatorCamera();
        // A station of the camera's compound whose port 1 warms at 3 °C/min: yellow from 55 °C (reading 10).
        Device station = at(first(DeviceType.CHARGER), camera.location());
        List<byte[]> in = new ArrayList<>();
        for (int k = 0; k <= 14; k++) {
            in.add(telemetry(station, k, 40.0 + 1.5 * k));
            if (k == 13) {
                in.addAll(ebikeSeen(camera, at(13) + SECOND));
            }
        }
        // Two readers: the camera's confirmation waits for the watermark, so the escalation reaches the station's
        // detectors after some or all of its readings of the same time, depending on the run.
        run(in);

        String building = building(camera);
        assertThat(of(AlertType.EBIKE_IN_ELEVATOR)).extracting(Alert::sourceId, Alert::status)
                .contains(tuple(building, AlertStatus.RAISED));
        List<Alert> fire = of(AlertType.FIRE_RISK);
        assertThat(fire).extracting(Alert::severity).contains(Severity.YELLOW);
        // Raised as far as the station's readings had come when the escalation arrived (blue or yellow), else by its
        // reading inside the advisory.
        assertThat(fire).filteredOn(a -> raisedBy(a, building)).extracting(Alert::severity).isNotEmpty()
                .allSatisfy(s -> assertThat(s).isIn(Severity.YELLOW, Severity.ORANGE));
        assertEndedAfterTheLastReading(fire, building, at(13) + 3 * SECOND + 10 * MINUTE);
    }

    @Test
    void anAdvisoryThatBeginsAndEndsAfterTheStationsLastReading_stillRaisesItsFireRiskForItsTime() throws Exception {
        Device camera = elevatorCamera();
        Device station = at(first(DeviceType.CHARGER), camera.location());
        List<byte[]> in = new ArrayList<>();
        for (int k = 0; k <= 14; k++) {
            in.add(telemetry(station, k, 40.0 + 1.5 * k));
        }
        // The camera's events come last, within the out-of-orderness of the station's last reading: the watermark
        // passes them (and the advisory's end) only at the end of the input, after every reading of the station.
        long confirmed = at(14) - 3 * SECOND;
        in.addAll(ebikeSeen(camera, confirmed - 2 * SECOND));
        run(in);

        String building = building(camera);
        List<Alert> fire = of(AlertType.FIRE_RISK);
        assertThat(fire).filteredOn(a -> raisedBy(a, building)).isNotEmpty();
        assertEndedAfterTheLastReading(fire, building, confirmed + 10 * MINUTE);
    }

    /** The advisory ended after the station's last reading: its fire risk is yellow again from that time. */
    private static void assertEndedAfterTheLastReading(List<Alert> fire, String building, long ended) {
        assertThat(fire.get(fire.size() - 1)).as("last of %s", steps(fire, building)).satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.YELLOW);
            assertThat(raisedBy(a, building)).isFalse();
            assertThat(a.lastEventTs()).isEqualTo(ended);
        });
    }

    @Test
    void aFireRiskThatClearsDuringTheAdvisory_waitsForIt_andClearsOneLevelHigher() throws Exception {
        Device camera = elevatorCamera();
        Device station = at(first(DeviceType.CHARGER), camera.location());
        List<byte[]> in = new ArrayList<>();
        // Yellow at reading 10 (55 °C and rising), quiet from reading 11 (45 °C): it clears 10 minutes later, at
        // reading 31; the station goes on reporting, and the advisory opens at reading 16 and ends 10 minutes later.
        for (int k = 0; k <= 36; k++) {
            in.add(telemetry(station, k, k <= 10 ? 40.0 + 1.5 * k : 45.0));
            if (k == 16) {
                in.addAll(ebikeSeen(camera, at(16) + SECOND));
            }
        }
        run(in);

        String building = building(camera);
        List<Alert> fire = of(AlertType.FIRE_RISK);
        // The station's own readings close it before the escalation reaches its detectors, but the clear waits for
        // the watermark, so the escalation is applied first (the exact steps for each order: ElevatorEscalationTest).
        assertThat(fire).filteredOn(a -> raisedBy(a, building)).isNotEmpty();
        assertThat(fire.get(fire.size() - 1)).as("last of %s", steps(fire, building)).satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
            assertThat(a.severity()).isEqualTo(Severity.YELLOW);
            assertThat(a.lastEventTs()).isGreaterThanOrEqualTo(at(31));
        });
    }

    @Test
    void theReadingsAfterTheAdvisorysEnd_leaveTheFireRiskAtItsOwnLevel() throws Exception {
        Device camera = elevatorCamera();
        Device station = at(first(DeviceType.CHARGER), camera.location());
        List<byte[]> in = new ArrayList<>();
        // Yellow at reading 10, then warm (62 °C) and no longer rising: blue, for 20 minutes; the advisory opens at
        // reading 4 and ends 10 minutes later, at reading 24.
        for (int k = 0; k <= 40; k++) {
            in.add(telemetry(station, k, k <= 10 ? 40.0 + 1.5 * k : 62.0));
            if (k == 4) {
                in.addAll(ebikeSeen(camera, at(4) + SECOND));
            }
        }
        run(in);

        String building = building(camera);
        long ended = at(4) + 3 * SECOND + 10 * MINUTE;
        List<Alert> fire = of(AlertType.FIRE_RISK);
        assertThat(fire).filteredOn(a -> raisedBy(a, building)).isNotEmpty();
        assertThat(fire.get(fire.size() - 1)).as("last of %s", steps(fire, building)).satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.BLUE);
            assertThat(raisedBy(a, building)).isFalse();
            assertThat(a.lastEventTs()).isGreaterThan(ended);
        });
    }

    @Test
    void anOrangeFireRiskMadeRedByTheElevatorAdvisory_stopsItsPort() throws Exception {
        Device camera = elevatorCamera();
        Device station = at(first(DeviceType.CHARGER), camera.location());
        List<byte[]> in = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long ts = T0 + i * 30 * SECOND;
            // A port over 65 °C with leakage above 30 mA: two signs, orange.
            ObjectNode p = (ObjectNode) chargerTelemetry(ts, false, 66.0);
            p.put("leakageMa", 35.0);
            in.add(envelope(station, Channel.TELEMETRY, ts, ts, p));
            if (i == 2) {
                in.addAll(ebikeSeen(camera, ts + SECOND));
            }
        }
        run(in);

        String building = building(camera);
        Alert red = of(AlertType.FIRE_RISK).stream().filter(a -> a.severity() == Severity.RED).findFirst()
                .orElseThrow();
        assertThat(red.summary()).endsWith("; raised one level: e-bike in the elevator of " + building);
        assertThat(commands.written().get(0)).satisfies(c -> {
            assertThat(c.deviceId()).isEqualTo(station.id());
            assertThat(c.port()).isEqualTo(1);
            assertThat(c.reason()).isEqualTo("alert " + red.id());
        });
        // The advisory reaches the station's detectors on another input than its readings: in this replay it may come
        // after the last of them, and then no reading is newer than the stop: the end of the input fires its retries.
        assertThat(commands.written()).allSatisfy(c -> {
            assertThat(c.deviceId()).isEqualTo(station.id());
            assertThat(c.port()).isEqualTo(1);
            assertThat(c.reason()).startsWith("alert " + red.id());
        });
    }

    @Test
    void crowdReadings_giveTheZonesFiguresForHistory_andItsDensityWarning() throws Exception {
        CrowdZone zone = registry.zones().get(0);
        Device counter = registry.devices().stream()
                .filter(d -> d.type() == DeviceType.CROWD && zone.id().equals(d.location().zoneId()))
                .findFirst().orElseThrow();
        List<byte[]> in = new ArrayList<>();
        int people = (int) Math.ceil(zone.capacity() * 0.9);
        for (int i = 0; i < 30; i++) {
            long ts = T0 + i * 10 * SECOND;
            ObjectNode p = Json.mapper().createObjectNode().put("ts", ts).put("seq", i).put("count", people)
                    .put("inCount", 5).put("outCount", 5).put("intervalS", 10);
            in.add(envelope(counter, Channel.TELEMETRY, ts, ts, p));
        }
        run(in);

        assertThat(zones.written()).hasSize(30).allSatisfy(z -> {
            assertThat(z.zoneId()).isEqualTo(zone.id());
            assertThat(z.occupancy()).isEqualTo(people);
        });
        assertThat(of(AlertType.CROWD_DENSITY)).extracting(Alert::sourceId, Alert::status)
                .contains(tuple(zone.id(), AlertStatus.RAISED));
    }

    @Test
    void chargersWithClocksADayAheadOrResetTo2000_reportNoWellClockedChargerOffline() throws Exception {
        List<Device> chargers = registry.devices().stream().filter(d -> d.type() == DeviceType.CHARGER).limit(12)
                .toList();
        Set<String> skewed = Set.of(chargers.get(0).id(), chargers.get(1).id());
        long y2k = 946_684_800_000L;
        List<byte[]> in = new ArrayList<>();
        // Ten minutes of every charger reporting every 5 s; two of them with a clock a day ahead and one reset to 2000.
        for (long t = T0; t <= T0 + 10 * MINUTE; t += 5 * SECOND) {
            for (Device d : chargers) {
                long deviceTs = d == chargers.get(0) ? t + 24 * 60 * MINUTE : d == chargers.get(1) ? y2k + (t - T0) : t;
                in.add(envelope(d, Channel.STATUS, deviceTs, t, status(deviceTs)));
            }
        }
        run(in);

        // Once the input ends every device falls silent and is offline for good; a false outage is one raised
        // while the device was still reporting, which its next message then clears.
        assertThat(of(AlertType.DEVICE_OFFLINE)).filteredOn(a -> a.status() == AlertStatus.CLEARED).isEmpty();
        assertThat(of(AlertType.DEVICE_OFFLINE)).filteredOn(a -> a.status() == AlertStatus.RAISED)
                .allSatisfy(a -> assertThat(a.firstEventTs()).isGreaterThanOrEqualTo(T0 + 10 * MINUTE + 270 * SECOND));
        assertThat(of(AlertType.DEVICE_OFFLINE)).filteredOn(a -> skewed.contains(a.deviceId()))
                .as("the skewed chargers count at the gateway's time too")
                .allSatisfy(a -> assertThat(a.firstEventTs()).isEqualTo(T0 + 10 * MINUTE + 270 * SECOND));
    }

    private List<Alert> of(AlertType type) {
        return alerts.written().stream().filter(a -> a.type() == type)
                .sorted(Comparator.comparing(Alert::id).thenComparingInt(Alert::revision)).toList();
    }

    private Device elevatorCamera() {
        return registry.devices().stream()
                .filter(d -> d.type() == DeviceType.CAMERA && d.camera() != null
                        && "elevator".equals(d.camera().watches()))
                .findFirst().orElseThrow();
    }

    private static String building(Device camera) {
        return camera.location().compoundId() + "/" + camera.camera().building();
    }

    /** Whether the compound's e-bike-in-elevator advisory in {@code building} raised this revision one level. */
    private static boolean raisedBy(Alert a, String building) {
        return a.summary().contains("raised one level: e-bike in the elevator of " + building);
    }

    /** The revisions in short, for a failure's message: status, severity, seconds from T0, raised by the advisory. */
    private static List<String> steps(List<Alert> fire, String building) {
        return fire.stream().map(a -> a.status() + " " + a.severity() + " " + (a.lastEventTs() - T0) / SECOND
                + (raisedBy(a, building) ? " raised" : "")).toList();
    }

    /** Time of a station's reading {@code k}, one every 30 s from T0. */
    private static long at(int k) {
        return T0 + k * 30 * SECOND;
    }

    /** The station's reading {@code k}: port 1 at {@code tempC}. */
    private byte[] telemetry(Device station, int k, double tempC) {
        return envelope(station, Channel.TELEMETRY, at(k), at(k), chargerTelemetry(at(k), false, tempC));
    }

    /** The camera sees an e-bike in its elevator at {@code ts} and 2 s later: one confirmation. */
    private List<byte[]> ebikeSeen(Device camera, long ts) {
        return List.of(envelope(camera, Channel.EVENT, ts, ts, ebike(ts)),
                envelope(camera, Channel.EVENT, ts + 2 * SECOND, ts + 2 * SECOND, ebike(ts + 2 * SECOND)));
    }

    private Device first(DeviceType type) {
        return registry.devices().stream().filter(d -> d.type() == type).findFirst().orElseThrow();
    }

    private static Device at(Device d, LocationChain location) {
        return new Device(d.id(), d.type(), location, d.secretHash(), d.enabled(), d.charger(), d.camera(), d.gate());
    }

    private byte[] envelope(Device d, Channel channel, long ts, long receivedAt, JsonNode payload) {
        return Json.toBytes(new Envelope(d.id(), d.type(), channel, ts, ++seq, receivedAt, "gw-test", false,
                d.location(), payload));
    }

    /** Port 1 draws 700 W at {@code tempC}; the station reports smoke when asked. */
    private static JsonNode chargerTelemetry(long ts, boolean smoke, double tempC) {
        return chargerTelemetry(ts, smoke, tempC, 700.0);
    }

    private static JsonNode chargerTelemetry(long ts, boolean smoke, double tempC, double powerW) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("ts", ts).put("seq", 1).put("mainsV", 228.0).put("ambientC", 22.0).put("smoke", smoke)
                .put("leakageMa", 2.0);
        p.putArray("ports").addObject().put("no", 1).put("state", powerW > 0 ? "charging" : "idle").put("voltageV", 48.0)
                .put("currentA", powerW / 48.0).put("powerW", powerW).put("energyWh", 100).put("tempC", tempC);
        return p;
    }

    private static JsonNode ebike(long ts) {
        return Json.mapper().createObjectNode().put("ts", ts).put("seq", 1).put("kind", "ebike_in_elevator")
                .put("confidence", 0.93).put("snapshotId", "cam-" + ts);
    }

    private static JsonNode status(long ts) {
        return Json.mapper().createObjectNode().put("ts", ts).put("seq", 1).put("state", "online");
    }
}
