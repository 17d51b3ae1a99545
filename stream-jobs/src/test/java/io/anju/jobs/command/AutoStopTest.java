package io.anju.jobs.command;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.command.DeviceCommand;
import io.anju.common.model.LocationChain;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.detect.fire.Escalation;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Which alerts stop a port without a person deciding ({@link AutoStopPolicy}), and AutoStop as a part of the
 * per-device detectors: the {@code stop_port} commands it sends with the alerts that call for them.
 */
class AutoStopTest {
    private static final LocationChain CP42 = new LocationChain("sd-01", "c-01", "g-01", "cp-0042", null);
    private static final LocationChain CP43 = new LocationChain("sd-01", "c-01", "g-01", "cp-0043", null);
    private static final String STATION = "chg-1";
    private static final long BEGINNING = 1_764_378_000_000L;
    private static final long MINUTE = 60_000;
    /** AutoStop's "already sent" marks, by alert id. */
    private static final MapStateDescriptor<String, Boolean> SENT =
            new MapStateDescriptor<>("stop-port-sent", Types.STRING, Types.BOOLEAN);

    private static Alert alert(AlertType type, Severity severity, AlertStatus status, int revision,
                               LocationChain where, Integer port) {
        return new Alert("alert-1", type.wireName() + ":chg-1", type, severity, status, revision, SourceKind.DEVICE,
                "chg-1", "chg-1", port, where, 1_000, 2_000, 5_000, "", severity == Severity.RED ? "stop_port"
                : "inspect_port", List.of());
    }

    @Test
    void byDefault_onlyARedFireRisk_stopsAPort() {
        AutoStopPolicy p = AutoStopPolicy.defaults();
        assertThat(p.stopsPortFor(alert(AlertType.FIRE_RISK, Severity.RED, AlertStatus.UPDATED, 3, CP42, 2))).isTrue();
        assertThat(p.stopsPortFor(alert(AlertType.FIRE_RISK, Severity.ORANGE, AlertStatus.UPDATED, 2, CP42, 2)))
                .isFalse();
        assertThat(p.stopsPortFor(alert(AlertType.PORT_OVERLOAD, Severity.RED, AlertStatus.RAISED, 1, CP42, 2)))
                .isFalse();
        assertThat(p.stopsPortFor(alert(AlertType.FIRE_RISK, Severity.RED, AlertStatus.RAISED, 1, CP42, null)))
                .as("no port named, nothing to stop").isFalse();
        assertThat(p.stopsPortFor(alert(AlertType.FIRE_RISK, Severity.RED, AlertStatus.CLEARED, 9, CP42, 2)))
                .isFalse();
    }

    @Test
    void aCompoundCanWidenOrTurnOffTheDefault() {
        AutoStopPolicy p = new AutoStopPolicy(AutoStopPolicy.DEFAULT_TYPES, Map.of(
                "cp-0042", Set.of(),
                "cp-0043", Set.of(AlertType.FIRE_RISK, AlertType.PORT_OVERLOAD)));
        assertThat(p.stopsPortFor(alert(AlertType.FIRE_RISK, Severity.RED, AlertStatus.RAISED, 1, CP42, 2))).isFalse();
        assertThat(p.stopsPortFor(alert(AlertType.PORT_OVERLOAD, Severity.RED, AlertStatus.RAISED, 1, CP43, 2)))
                .isTrue();
    }

    @Test
    void onlyPowerAndFireAlertsMayStopAPort_andTheSettingIsNamed() {
        assertThatThrownBy(() -> new AutoStopPolicy(Set.of(AlertType.CROWD_DENSITY), Map.of()))
                .hasMessageContaining("autoStop.types").hasMessageContaining("crowd_density");
        assertThatThrownBy(() -> new AutoStopPolicy(Set.of(), Map.of("cp-9", Set.of(AlertType.DEVICE_OFFLINE))))
                .hasMessageContaining("autoStop.compounds cp-9");
    }

    /** A charger of {@code where}, port 2 at {@code portC} °C (port 1 at 30 °C), with smoke and leakage as given. */
    private static ChargerTelemetry charger(LocationChain where, long ts, double portC, boolean smoke,
                                            double leakageMa) {
        return new ChargerTelemetry(STATION, ts, where, 228.0, 24.0, smoke, leakageMa,
                List.of(new PortReading(1, "charging", 48.5, 4.0, 194.0, 100, 30.0),
                        new PortReading(2, "charging", 48.5, 4.0, 194.0, 100, portC)), ChargerLimits.DEFAULTS);
    }

    /** Port 2 at 66 °C with 35 mA leakage: an orange fire risk that already says stop_port, no smoke yet. */
    private static ChargerTelemetry orange(LocationChain where, long ts) {
        return charger(where, ts, 66.0, false, 35.0);
    }

    /** The same with smoke: red. */
    private static ChargerTelemetry red(LocationChain where, long ts) {
        return charger(where, ts, 66.0, true, 35.0);
    }

    private static ChargerTelemetry calm(LocationChain where, long ts) {
        return charger(where, ts, 30.0, false, 2.0);
    }

    private static DeviceHarness detectors(AutoStopPolicy policy, OperatorSubtaskState snapshot) throws Exception {
        return DeviceHarness.restored(DetectorSettings.defaults(), policy, snapshot, AlertType.FIRE_RISK,
                AlertType.PORT_OVERLOAD);
    }

    @Test
    void oneCommandPerAlert_namingIt_evenAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        String redId;
        try (DeviceHarness h = detectors(AutoStopPolicy.defaults(), null)) {
            assertThat(h.charger(orange(CP42, BEGINNING))).extracting(Alert::severity).containsExactly(Severity.ORANGE);
            assertThat(h.newCommands()).as("orange: a person decides").isEmpty();

            Alert red = h.charger(red(CP42, BEGINNING + 30_000)).get(0);
            assertThat(red.severity()).isEqualTo(Severity.RED);
            assertThat(h.newCommands()).singleElement().satisfies(c -> {
                assertThat(c.deviceId()).isEqualTo(STATION);
                assertThat(c.port()).isEqualTo(2);
                assertThat(c.action()).isEqualTo("stop_port");
                assertThat(c.reason()).isEqualTo("alert " + red.id());
                assertThat(c.alertId()).isEqualTo(red.id());
                assertThat(c.id()).isEqualTo(StopPortCommands.forAlert(red.id(), STATION, 2, 0, 0).id());
                assertThat(c.ttlMs()).isEqualTo(Duration.ofMinutes(5).toMillis());
            });

            assertThat(h.charger(red(CP42, BEGINNING + 6 * MINUTE))).as("a refresh of the red alert")
                    .extracting(Alert::id, Alert::severity).containsExactly(tuple(red.id(), Severity.RED));
            assertThat(h.newCommands()).as("already sent").isEmpty();
            redId = red.id();
            snapshot = h.snapshot(1, BEGINNING + 6 * MINUTE);
        }
        try (DeviceHarness restored = detectors(AutoStopPolicy.defaults(), snapshot)) {
            assertThat(restored.charger(red(CP42, BEGINNING + 12 * MINUTE))).extracting(Alert::id)
                    .containsExactly(redId);
            assertThat(restored.newCommands()).as("already sent before the restore").isEmpty();
        }
    }

    @Test
    void aNewEpisodeStopsThePortAgain() throws Exception {
        try (DeviceHarness h = detectors(AutoStopPolicy.defaults(), null)) {
            Alert first = h.charger(red(CP42, BEGINNING)).get(0);
            assertThat(h.newCommands()).hasSize(1);
            // Quiet from 1 min on; the 10-minute quiet period ends at 11 min, and the clear waits for the watermark.
            for (long t = BEGINNING + MINUTE; t <= BEGINNING + 11 * MINUTE; t += 30_000) {
                h.charger(calm(CP42, t));
            }
            h.watermark(BEGINNING + 11 * MINUTE);
            assertThat(h.newCommands()).as("the first stop sent again while unconfirmed").hasSize(2)
                    .allSatisfy(c -> assertThat(c.alertId()).isEqualTo(first.id()));
            assertThat(h.all()).last().extracting(Alert::status).isEqualTo(AlertStatus.CLEARED);
            assertThat(h.mapEntries(STATION, SENT)).as("the mark leaves with the alert").isZero();

            Alert second = h.charger(red(CP42, BEGINNING + 12 * MINUTE)).get(0);
            assertThat(second.id()).isNotEqualTo(first.id());
            assertThat(h.newCommands()).singleElement().extracting(DeviceCommand::reason)
                    .isEqualTo("alert " + second.id());
        }
    }

    @Test
    void aFireRiskMadeRedByTheCompoundsEscalationStopsThePortToo() throws Exception {
        try (DeviceHarness h = detectors(AutoStopPolicy.defaults(), null)) {
            h.charger(orange(CP42, BEGINNING));
            assertThat(h.newCommands()).isEmpty();

            assertThat(h.escalate(new Escalation("cp-0042", BEGINNING + 10_000, "cp-0042/bldg-3")))
                    .extracting(Alert::severity).containsExactly(Severity.RED);
            assertThat(h.newCommands()).singleElement().extracting(DeviceCommand::port).isEqualTo(2);
        }
    }

    @Test
    void aCompoundWithoutAutomaticStopsGetsTheAlertButNoCommand() throws Exception {
        AutoStopPolicy policy = new AutoStopPolicy(AutoStopPolicy.DEFAULT_TYPES, Map.of("cp-0042", Set.of()));
        try (DeviceHarness h = detectors(policy, null)) {
            assertThat(h.charger(red(CP42, BEGINNING))).extracting(Alert::severity).containsExactly(Severity.RED);
            assertThat(h.newCommands()).isEmpty();
        }
        try (DeviceHarness h = detectors(policy, null)) {
            h.charger(red(CP43, BEGINNING));
            assertThat(h.newCommands()).as("another compound keeps the default").hasSize(1);
        }
    }

    @Test
    void aRedPortOverloadStopsThePortOnlyWhereThePolicyAllowsIt() throws Exception {
        AutoStopPolicy policy = new AutoStopPolicy(AutoStopPolicy.DEFAULT_TYPES,
                Map.of("cp-0043", Set.of(AlertType.FIRE_RISK, AlertType.PORT_OVERLOAD)));
        try (DeviceHarness h = detectors(policy, null)) {
            Alert overload = h.charger(overloaded(CP43, BEGINNING)).get(0);
            assertThat(overload.type()).isEqualTo(AlertType.PORT_OVERLOAD);
            assertThat(overload.severity()).isEqualTo(Severity.RED);
            assertThat(h.newCommands()).singleElement().satisfies(c -> {
                assertThat(c.port()).isEqualTo(3);
                assertThat(c.reason()).isEqualTo("alert " + overload.id());
            });
        }
        try (DeviceHarness h = detectors(policy, null)) {
            assertThat(h.charger(overloaded(CP42, BEGINNING))).extracting(Alert::type, Alert::severity)
                    .containsExactly(tuple(AlertType.PORT_OVERLOAD, Severity.RED));
            assertThat(h.newCommands()).as("by default only a fire risk stops a port").isEmpty();
        }
    }

    /** Port 3 at 1,250 W: 1.25 × its 1,000 W limit is red at once. */
    private static ChargerTelemetry overloaded(LocationChain where, long ts) {
        return new ChargerTelemetry(STATION, ts, where, 228.0, 24.0, false, 2.0,
                List.of(new PortReading(3, "charging", 48.5, 25.8, 1_250.0, 100, 35.0)), ChargerLimits.DEFAULTS);
    }

    @Test
    void theCommandIdIsTheSameForAReplay() {
        assertThat(StopPortCommands.forAlert("a-1", "chg-1", 2, 10, 60_000).id())
                .isEqualTo(StopPortCommands.forAlert("a-1", "chg-1", 2, 99, 60_000).id())
                .isNotEqualTo(StopPortCommands.forAlert("a-2", "chg-1", 2, 10, 60_000).id());
    }
}
