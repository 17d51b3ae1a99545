package io.anju.jobs.command.cap;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.command.DeviceCommand;
import io.anju.common.model.LocationChain;
import io.anju.jobs.command.StopEvent;
import io.anju.jobs.command.StopOutcome;
import io.anju.jobs.command.StopPortCommands;
import io.anju.jobs.config.JobsConfig;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The cap on mass cut-offs in Flink's operator test harness: stops within the cap go out at once, the ones past it are
 * held under one {@code mass_cutoff_held} alert per compound, and nothing the stop watch says about a held stop gets
 * out; a held stop leaves no state once its alert has cleared and its port is seen off.
 */
class StopCapTest {
    private static final LocationChain CP42 = new LocationChain("sd-01", "c-01", "g-01", "cp-0042", null);
    private static final LocationChain CP43 = new LocationChain("sd-01", "c-01", "g-02", "cp-0043", null);
    private static final long BEGINNING = 1_764_378_000_000L;
    private static final long SECOND = 1_000;
    private static final long ONE_MINUTE_LATER = BEGINNING + 60 * SECOND;
    /** The default: three automatic stops per compound per minute. */
    private static final StopCapSettings CAP = StopCapSettings.defaults();

    private static Alert fireRisk(String station, int port, LocationChain where, long ts) {
        String key = Alert.dedupKey(AlertType.FIRE_RISK, station);
        return new Alert(Alert.idFor(key, ts), key, AlertType.FIRE_RISK, Severity.RED, AlertStatus.RAISED, 1,
                SourceKind.DEVICE, station, station, port, where, ts, ts, ts, "fire", "stop_port", List.of());
    }

    private static Alert cleared(Alert a, long ts) {
        return new Alert(a.id(), a.dedupKey(), a.type(), a.severity(), AlertStatus.CLEARED, a.revision() + 1,
                a.sourceKind(), a.sourceId(), a.deviceId(), a.port(), a.location(), a.firstEventTs(), ts, ts, "calm",
                a.recommendedAction(), List.of());
    }

    private static DeviceCommand stopFor(Alert a, int attempt) {
        return StopPortCommands.forAlert(a.id(), a.deviceId(), a.port(), a.lastEventTs(), 300_000, attempt);
    }

    private static StopEvent request(Alert a) {
        return StopEvent.request(stopFor(a, 1), a);
    }

    private static StopEvent outcome(Alert a, String outcome, long ts) {
        return StopEvent.outcome(new StopOutcome(StopOutcome.KIND, stopFor(a, 1).id(), a.id(), a.deviceId(),
                a.port(), outcome, 1, 0.0, ts, null, null), a.location(), false);
    }

    private static StopEvent unconfirmed(String station, int port, LocationChain where, AlertStatus status,
                                         int revision, long ts) {
        String source = Alert.portSourceId(station, port);
        String key = Alert.dedupKey(AlertType.STOP_UNCONFIRMED, source);
        return StopEvent.unconfirmed(new Alert(Alert.idFor(key, BEGINNING), key, AlertType.STOP_UNCONFIRMED,
                Severity.RED, status, revision, SourceKind.PORT, source, station, port, where, BEGINNING, ts, ts,
                "not confirmed", "cut_power_on_site", List.of()), false);
    }

    /** Five stations of cp-0042 go red within ten seconds. */
    private static List<Alert> fiveRedStations() {
        List<Alert> red = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            red.add(fireRisk("chg-42-" + i, i, CP42, BEGINNING + 2L * i * SECOND));
        }
        return red;
    }

    @Test
    void stopsWithinTheCapGoOutAtOnce_andThosePastItAreHeldUnderOneAlertThatNamesThem() throws Exception {
        try (Cap h = Cap.open(CAP, null)) {
            List<Alert> red = fiveRedStations();
            for (int i = 0; i < 3; i++) {
                h.feed(request(red.get(i)));
                assertThat(h.newCommands()).as("stop %d goes out with its request", i + 1).singleElement()
                        .isEqualTo(stopFor(red.get(i), 1));
            }
            assertThat(h.newAlerts()).isEmpty();
            assertThat(h.newOutcomes()).isEmpty();

            h.feed(request(red.get(3)));
            assertThat(h.newCommands()).as("the fourth within the minute").isEmpty();
            assertThat(h.newOutcomes()).singleElement().satisfies(o -> {
                assertThat(o.outcome()).isEqualTo("withheld");
                assertThat(o.alertId()).isEqualTo(red.get(3).id());
                assertThat(o.commandId()).isEqualTo(stopFor(red.get(3), 1).id());
                assertThat(o.detail()).contains("more than 3 automatic stops within a minute in cp-0042");
            });
            Alert raised = h.newAlerts().get(0);
            assertThat(raised.type()).isEqualTo(AlertType.MASS_CUTOFF_HELD);
            assertThat(raised.severity()).isEqualTo(Severity.RED);
            assertThat(raised.status()).isEqualTo(AlertStatus.RAISED);
            assertThat(raised.sourceKind()).isEqualTo(SourceKind.COMPOUND);
            assertThat(raised.sourceId()).isEqualTo("cp-0042");
            assertThat(raised.location()).isEqualTo(CP42);
            assertThat(raised.recommendedAction()).isEqualTo("confirm_stops");
            assertThat(raised.summary()).isEqualTo("1 automatic stop held in cp-0042 (more than 3 within a minute): "
                    + "chg-42-4 port 4 (fire_risk); confirm each stop");
            assertThat(raised.evidence()).containsExactly(
                    Evidence.heldStop(red.get(3).lastEventTs(), "chg-42-4", 4, red.get(3).id()));

            h.feed(request(red.get(4)));
            assertThat(h.newCommands()).isEmpty();
            assertThat(h.newAlerts()).singleElement().satisfies(a -> {
                assertThat(a.id()).isEqualTo(raised.id());
                assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
                assertThat(a.revision()).isEqualTo(2);
                assertThat(a.summary()).startsWith("2 automatic stops held in cp-0042")
                        .contains("chg-42-4 port 4 (fire_risk), chg-42-5 port 5 (fire_risk)");
                assertThat(a.evidence()).extracting(Evidence::alertId).containsExactly(red.get(4).id());
            });
            assertThat(h.heldStops()).isEqualTo(2);
        }
    }

    @Test
    void theMinuteSlides_andEachCompoundHasItsOwnCap() throws Exception {
        try (Cap h = Cap.open(CAP, null)) {
            List<Alert> red = fiveRedStations();
            for (int i = 0; i < 3; i++) {
                h.feed(request(red.get(i)));
            }
            Alert other = fireRisk("chg-43-1", 1, CP43, BEGINNING + 8 * SECOND);
            h.feed(request(other));
            assertThat(h.newCommands()).as("another compound counts its own").hasSize(4);

            Alert justInside = fireRisk("chg-42-9", 2, CP42, red.get(0).lastEventTs() + 60 * SECOND - 1);
            h.feed(request(justInside));
            assertThat(h.newCommands()).as("a millisecond inside the first stop's minute").isEmpty();
            Alert oneMinuteOn = fireRisk("chg-42-8", 1, CP42, red.get(0).lastEventTs() + 60 * SECOND);
            h.feed(request(oneMinuteOn));
            assertThat(h.newCommands()).as("the first stop's minute has passed").singleElement()
                    .extracting(DeviceCommand::alertId).isEqualTo(oneMinuteOn.id());
        }
    }

    @Test
    void aHeldStopIsNeitherRetriedNorReportedUnconfirmed_whileASentOneIs() throws Exception {
        try (Cap h = Cap.open(CAP, null)) {
            List<Alert> red = fiveRedStations();
            red.forEach(a -> h.feedQuietly(request(a)));
            h.newCommands();
            h.newOutcomes();
            h.newAlerts();
            Alert sent = red.get(0);
            Alert held = red.get(3);

            h.feed(StopEvent.retry(stopFor(held, 2), CP42, false));
            h.feed(outcome(held, "retried", ONE_MINUTE_LATER));
            h.feed(StopEvent.retry(stopFor(sent, 2), CP42, false));
            h.feed(outcome(sent, "retried", ONE_MINUTE_LATER));
            assertThat(h.newCommands()).as("only the sent stop's retry").extracting(DeviceCommand::alertId)
                    .containsExactly(sent.id());
            assertThat(h.newOutcomes()).extracting(StopOutcome::alertId).containsExactly(sent.id());

            long due = BEGINNING + 180 * SECOND;
            h.feed(unconfirmed("chg-42-4", 4, CP42, AlertStatus.RAISED, 1, due));
            h.feed(unconfirmed("chg-42-1", 1, CP42, AlertStatus.RAISED, 1, due));
            assertThat(h.newAlerts()).as("only the sent stop's").extracting(Alert::deviceId, Alert::type)
                    .containsExactly(tuple("chg-42-1", AlertType.STOP_UNCONFIRMED));

            // Someone stops the held port on site: its readings show it off, the watch confirms and clears its alert.
            h.feed(outcome(held, "confirmed", due + 30 * SECOND));
            h.feed(unconfirmed("chg-42-4", 4, CP42, AlertStatus.CLEARED, 2, due + 30 * SECOND));
            assertThat(h.newOutcomes()).isEmpty();
            assertThat(h.newAlerts()).as("the clear of a stop_unconfirmed never raised").isEmpty();
            assertThat(h.map("cp-0042", HeldStops.MUTED)).isEmpty();
        }
    }

    @Test
    void aStopAPersonSentForACase_isNeverHeld_evenForTheHeldStopsPort() throws Exception {
        try (Cap h = Cap.open(CAP, null)) {
            List<Alert> red = fiveRedStations();
            red.forEach(a -> h.feedQuietly(request(a)));
            h.newCommands();
            h.newOutcomes();
            h.newAlerts();
            Alert held = red.get(3);
            long caseId = 42;

            DeviceCommand retry = StopPortCommands.retryOf("person-stop-1", caseId, held.id(), held.deviceId(),
                    held.port(), ONE_MINUTE_LATER, 60_000, 2);
            h.feed(StopEvent.retry(retry, CP42, true));
            h.feed(StopEvent.outcome(new StopOutcome(StopOutcome.KIND, retry.id(), held.id(), held.deviceId(),
                    held.port(), "retried", 2, 900.0, ONE_MINUTE_LATER, null, caseId), CP42, true));
            StopEvent raised = unconfirmed("chg-42-4", 4, CP42, AlertStatus.RAISED, 1, BEGINNING + 180 * SECOND);
            h.feed(new StopEvent(raised.kind(), raised.compoundId(), null, raised.alert(), null, true));

            assertThat(h.newCommands()).as("a person decided it: sent on").containsExactly(retry);
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome, StopOutcome::caseId)
                    .containsExactly(tuple("retried", caseId));
            assertThat(h.newAlerts()).extracting(Alert::deviceId, Alert::type)
                    .containsExactly(tuple("chg-42-4", AlertType.STOP_UNCONFIRMED));
        }
    }

    @Test
    void theAlertClearsWhenEveryAlertThatAskedForAHeldStopHasCleared_andLeavesNoState() throws Exception {
        try (Cap h = Cap.open(CAP, null)) {
            List<Alert> red = fiveRedStations();
            red.forEach(a -> h.feedQuietly(request(a)));
            assertThat(h.newOutcomes()).extracting(StopOutcome::outcome).containsExactly("withheld", "withheld");
            String id = h.newAlerts().get(0).id();
            long later = BEGINNING + 20 * 60 * SECOND;

            h.feed(StopEvent.release(cleared(red.get(0), later)));
            assertThat(h.newAlerts()).as("a sent stop's alert clearing changes nothing").isEmpty();

            h.feed(StopEvent.release(cleared(red.get(3), later)));
            assertThat(h.newAlerts()).singleElement().satisfies(a -> {
                assertThat(a.id()).isEqualTo(id);
                assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
                assertThat(a.summary()).startsWith("1 automatic stop held").contains("chg-42-5 port 5")
                        .doesNotContain("chg-42-4");
            });

            h.feed(outcome(red.get(4), "confirmed", later));
            h.feed(StopEvent.release(cleared(red.get(4), later + SECOND)));
            assertThat(h.newAlerts()).singleElement().satisfies(a -> {
                assertThat(a.id()).isEqualTo(id);
                assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
                assertThat(a.lastEventTs()).isEqualTo(later + SECOND);
            });
            assertThat(h.map("cp-0042", HeldStops.HELD)).as("chg-42-4's port was never seen off: still watched")
                    .containsOnlyKeys(red.get(3).id());
            h.feed(outcome(red.get(3), "confirmed", later + 2 * SECOND));
            assertThat(h.map("cp-0042", HeldStops.HELD)).as("nothing left behind").isEmpty();
            assertThat(h.newOutcomes()).isEmpty();

            assertThat(h.sentCounted("cp-0042")).as("the three sent stops, until their minute passes").isEqualTo(3);
            h.watermark(red.get(2).lastEventTs() + 60 * SECOND - 1);
            assertThat(h.sentCounted("cp-0042")).isEqualTo(1);
            h.watermark(red.get(2).lastEventTs() + 60 * SECOND);
            assertThat(h.sentCounted("cp-0042")).isZero();
            assertThat(h.timers()).isZero();
        }
    }

    @Test
    void aRestoredCapRemembersWhatItSentAndHeld() throws Exception {
        List<Alert> red = fiveRedStations();
        OperatorSubtaskState snapshot;
        String id;
        try (Cap h = Cap.open(CAP, null)) {
            for (int i = 0; i < 4; i++) {
                h.feed(request(red.get(i)));
            }
            id = h.newAlerts().get(0).id();
            snapshot = h.snapshot();
        }
        try (Cap restored = Cap.open(CAP, snapshot)) {
            restored.feed(request(red.get(4)));
            assertThat(restored.newCommands()).as("still three sent in this minute").isEmpty();
            assertThat(restored.newAlerts()).extracting(Alert::id, Alert::revision).containsExactly(tuple(id, 2));
            restored.feed(StopEvent.retry(stopFor(red.get(3), 2), CP42, false));
            assertThat(restored.newCommands()).as("still held").isEmpty();
        }
    }

    @Test
    void aCapOutsideItsBoundsIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> JobsConfig.of(Map.of("autoStop.cap", "0")))
                .hasMessageContaining("setting autoStop.cap (ANJU_JOBS_AUTO_STOP_CAP) = '0': must be between 1 and 1000");
        assertThatThrownBy(() -> JobsConfig.of(Map.of("autoStop.cap", "1001"))).hasMessageContaining("autoStop.cap");
        assertThat(JobsConfig.of(Map.of("autoStop.cap", "10")).settings().detectors().stopCap().perMinute())
                .isEqualTo(10);
    }

    /** The cap in Flink's keyed one-input harness, keyed by compound. */
    private static final class Cap implements AutoCloseable {
        private final KeyedOneInputStreamOperatorTestHarness<String, StopEvent, Alert> h;
        private int alertsRead;
        private int commandsRead;
        private int outcomesRead;

        private Cap(KeyedOneInputStreamOperatorTestHarness<String, StopEvent, Alert> h) {
            this.h = h;
        }

        static Cap open(StopCapSettings settings, OperatorSubtaskState snapshot) throws Exception {
            var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new StopCap(settings)),
                    StopEvent::compoundId, Types.STRING);
            h.setup();
            if (snapshot != null) {
                h.initializeState(snapshot);
            }
            h.open();
            return new Cap(h);
        }

        void feed(StopEvent e) throws Exception {
            h.processElement(e, 0);
        }

        void watermark(long ts) throws Exception {
            h.processWatermark(ts);
        }

        int timers() {
            return h.numEventTimeTimers();
        }

        /** The sent stops the cap still counts for {@code compound}. */
        int sentCounted(String compound) throws Exception {
            KeyedStateBackend<String> backend = h.getOperator().getKeyedStateBackend();
            backend.setCurrentKey(compound);
            Iterable<Long> stored = backend.getPartitionedState(VoidNamespace.INSTANCE,
                    VoidNamespaceSerializer.INSTANCE, SentStops.SENT).get();
            int n = 0;
            if (stored != null) {
                for (Long ignored : stored) {
                    n++;
                }
            }
            return n;
        }

        void feedQuietly(StopEvent e) {
            try {
                feed(e);
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }

        List<Alert> newAlerts() {
            List<Alert> all = h.extractOutputValues();
            List<Alert> fresh = new ArrayList<>(all.subList(alertsRead, all.size()));
            alertsRead = all.size();
            return fresh;
        }

        List<DeviceCommand> newCommands() {
            List<DeviceCommand> all = values(h.getSideOutput(StopCap.COMMANDS));
            List<DeviceCommand> fresh = new ArrayList<>(all.subList(commandsRead, all.size()));
            commandsRead = all.size();
            return fresh;
        }

        List<StopOutcome> newOutcomes() {
            List<StopOutcome> all = values(h.getSideOutput(StopCap.OUTCOMES));
            List<StopOutcome> fresh = new ArrayList<>(all.subList(outcomesRead, all.size()));
            outcomesRead = all.size();
            return fresh;
        }

        /** The operator's {@code heldStops} metric. */
        long heldStops() {
            return ((StopCap) ((KeyedProcessOperator<?, ?, ?>) h.getOperator()).getUserFunction()).heldStops();
        }

        <K, V> java.util.Map<K, V> map(String compound, MapStateDescriptor<K, V> descriptor) throws Exception {
            KeyedStateBackend<String> backend = h.getOperator().getKeyedStateBackend();
            backend.setCurrentKey(compound);
            MapState<K, V> state = backend.getPartitionedState(VoidNamespace.INSTANCE,
                    VoidNamespaceSerializer.INSTANCE, descriptor);
            java.util.Map<K, V> copy = new java.util.LinkedHashMap<>();
            Iterable<java.util.Map.Entry<K, V>> entries = state.entries();
            if (entries != null) {
                entries.forEach(e -> copy.put(e.getKey(), e.getValue()));
            }
            return copy;
        }

        OperatorSubtaskState snapshot() throws Exception {
            return h.snapshot(1, 0);
        }

        private static <T> List<T> values(java.util.Queue<StreamRecord<T>> queue) {
            List<T> all = new ArrayList<>();
            if (queue != null) {
                queue.forEach(r -> all.add(r.getValue()));
            }
            return all;
        }

        @Override
        public void close() throws Exception {
            h.close();
        }
    }
}
