package io.anju.jobs.command;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.model.LocationChain;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoStopTest {
    private static final LocationChain CP42 = new LocationChain("sd-01", "c-01", "g-01", "cp-0042", null);
    private static final LocationChain CP43 = new LocationChain("sd-01", "c-01", "g-01", "cp-0043", null);

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
                .hasMessageContaining("jobs.autoStop.types").hasMessageContaining("crowd_density");
        assertThatThrownBy(() -> new AutoStopPolicy(Set.of(), Map.of("cp-9", Set.of(AlertType.DEVICE_OFFLINE))))
                .hasMessageContaining("jobs.autoStop.compound.cp-9");
    }

    @Test
    void oneCommandPerAlert_namingIt_evenAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, Alert, StopPortCommand> h = harness()) {
            h.open();
            h.processElement(alert(AlertType.FIRE_RISK, Severity.ORANGE, AlertStatus.RAISED, 1, CP42, 2), 1_000);
            h.processElement(alert(AlertType.FIRE_RISK, Severity.RED, AlertStatus.UPDATED, 2, CP42, 2), 2_000);
            h.processElement(alert(AlertType.FIRE_RISK, Severity.RED, AlertStatus.UPDATED, 3, CP42, 2), 3_000);
            List<StopPortCommand> sent = h.extractOutputValues();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).deviceId()).isEqualTo("chg-1");
            assertThat(sent.get(0).port()).isEqualTo(2);
            assertThat(sent.get(0).action()).isEqualTo("stop_port");
            assertThat(sent.get(0).reason()).isEqualTo("alert alert-1");
            assertThat(sent.get(0).ttlMs()).isEqualTo(Duration.ofMinutes(5).toMillis());
            snapshot = h.snapshot(1, 4_000);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, Alert, StopPortCommand> restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(alert(AlertType.FIRE_RISK, Severity.RED, AlertStatus.UPDATED, 4, CP42, 2), 5_000);
            assertThat(restored.extractOutputValues()).as("already sent before the restore").isEmpty();
        }
    }

    @Test
    void theCommandIdIsTheSameForAReplay() {
        assertThat(StopPortCommand.forAlert("a-1", "chg-1", 2, 10, 60_000).id())
                .isEqualTo(StopPortCommand.forAlert("a-1", "chg-1", 2, 99, 60_000).id())
                .isNotEqualTo(StopPortCommand.forAlert("a-2", "chg-1", 2, 10, 60_000).id());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, StopPortCommand> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AutoStop(AutoStopPolicy.defaults(), Duration.ofMinutes(5))),
                Alert::id, Types.STRING);
    }
}
