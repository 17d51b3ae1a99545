package io.anju.jobs.history;

import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.DeviceSeen;
import io.anju.jobs.input.PortReading;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@link ChargerHistory} in Flink's keyed operator harness: known answers for the minute figures, raw points only where
 * a port's state changes or a run starts, minutes written by event time alone, and no state left behind a minute.
 */
class ChargerHistoryTest {
    static final String STATION = "chg-0042-2";
    static final LocationChain PLACE = new LocationChain("sd-01", "cm-03", "gr-0042", "cp-0042", null);
    /** The start of an event-time minute. */
    static final long BEGINNING = 1_764_378_000_000L;
    static final long ONE_MINUTE_LATER = BEGINNING + 60_000;
    static final long TWO_MINUTES_LATER = BEGINNING + 120_000;
    /** When the first minute's accumulator may go: its end plus the allowed lateness. */
    static final long FIRST_MINUTE_DEADLINE = ONE_MINUTE_LATER - 1 + ChargerHistory.ALLOWED_LATENESS.toMillis();

    KeyedOneInputStreamOperatorTestHarness<String, DeviceInput, SeriesPoint> h;
    int read;

    static long seconds(long from, double s) {
        return from + Math.round(s * 1000);
    }

    static PortReading charging(int port, double watts, double tempC) {
        return new PortReading(port, "charging", 48.0, watts / 48.0, watts, watts / 10, tempC);
    }

    static PortReading in(int port, String state) {
        return new PortReading(port, state, 0, 0, 0, 0, 24);
    }

    static DeviceInput telemetry(long ts, PortReading... ports) {
        ChargerTelemetry t = new ChargerTelemetry(STATION, ts, PLACE, 228, 22, false, 2, List.of(ports),
                ChargerLimits.DEFAULTS);
        return new DeviceInput.Charger(new DeviceSeen(STATION, DeviceType.CHARGER, ts, PLACE, false), t);
    }

    @BeforeEach
    void open() throws Exception {
        h = harness(null);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    static KeyedOneInputStreamOperatorTestHarness<String, DeviceInput, SeriesPoint> harness(
            OperatorSubtaskState restoreFrom) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ChargerHistory()),
                (DeviceInput in) -> in.seen().deviceId(), Types.STRING);
        harness.setup();
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    void feed(DeviceInput in) throws Exception {
        h.processElement(in, in.seen().ts());
    }

    /** The points written since the last call, of one measurement. */
    List<SeriesPoint> newPoints(String measurement) {
        List<SeriesPoint> all = h.extractOutputValues();
        List<SeriesPoint> fresh = new ArrayList<>(all.subList(read, all.size()));
        read = all.size();
        return fresh.stream().filter(p -> p.measurement().equals(measurement)).toList();
    }

    List<SeriesPoint> allPoints(String measurement) {
        return h.extractOutputValues().stream().filter(p -> p.measurement().equals(measurement)).toList();
    }

    /** The starts of the minutes the station's state holds. */
    List<Long> minutesHeld() throws Exception {
        KeyedStateBackend<String> backend = h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(STATION);
        MapState<Long, PortMinute> minutes = backend.getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, ChargerHistory.minutesDescriptor());
        List<Long> starts = new ArrayList<>();
        minutes.keys().forEach(starts::add);
        return starts;
    }

    @Test
    void readingsOfOneMinute_becomeMinMeanMax_writtenWhenEventTimePassesTheMinute() throws Exception {
        feed(telemetry(seconds(BEGINNING, 5), charging(1, 100, 30)));
        feed(telemetry(seconds(BEGINNING, 25), charging(1, 200, 31)));
        feed(telemetry(seconds(BEGINNING, 45), charging(1, 300, 35)));
        h.processWatermark(ONE_MINUTE_LATER - 2);

        assertThat(allPoints("charger_station")).as("every telemetry, full resolution").hasSize(3);
        assertThat(newPoints("charger_port_minute")).as("the minute is not over").isEmpty();

        h.processWatermark(ONE_MINUTE_LATER - 1);

        assertThat(newPoints("charger_port_minute")).singleElement().satisfies(p -> {
            assertThat(p.tsMs()).isEqualTo(BEGINNING);
            assertThat(p.tags()).containsExactly(entry("compound", "cp-0042"), entry("device", STATION),
                    entry("grid", "gr-0042"), entry("port", "1"));
            assertThat(p.fields()).containsExactly(entry("current_a_max", 6.25), entry("energy_wh_last", 30.0),
                    entry("power_w_max", 300.0), entry("power_w_mean", 200.0), entry("power_w_min", 100.0),
                    entry("readings", 3L), entry("state_last", "charging"), entry("temp_c_max", 35.0),
                    entry("temp_c_mean", 32.0), entry("temp_c_min", 30.0));
        });
    }

    @Test
    void eachPort_hasItsOwnFigures_andTheLastStateIsTheNewestReadingsNotTheLastArrived() throws Exception {
        feed(telemetry(seconds(BEGINNING, 10), charging(1, 400, 40), in(2, "idle")));
        feed(telemetry(seconds(BEGINNING, 50), in(1, "full"), charging(2, 150, 30)));
        // A reordered message from between the two: counted, but not the minute's last state.
        feed(telemetry(seconds(BEGINNING, 30), charging(1, 200, 38), charging(2, 100, 29)));
        h.processWatermark(ONE_MINUTE_LATER - 1);

        List<SeriesPoint> minute = newPoints("charger_port_minute");
        assertThat(minute).extracting(p -> p.tags().get("port")).containsExactly("1", "2");
        assertThat(minute.get(0).fields()).contains(entry("readings", 3L), entry("power_w_min", 0.0),
                entry("power_w_mean", 200.0), entry("power_w_max", 400.0), entry("state_last", "full"),
                entry("energy_wh_last", 0.0));
        assertThat(minute.get(1).fields()).contains(entry("readings", 3L), entry("power_w_max", 150.0),
                entry("state_last", "charging"), entry("energy_wh_last", 15.0));
    }

    @Test
    void rawReadings_areWrittenAtEachChangeOfState_andAtAPortsFirstReading() throws Exception {
        feed(telemetry(seconds(BEGINNING, 0), in(1, "idle"), in(2, "idle")));
        assertThat(newPoints("charger_port")).as("first readings: a chart's starting point")
                .extracting(p -> p.tags().get("port")).containsExactly("1", "2");

        feed(telemetry(seconds(BEGINNING, 30), charging(1, 250, 30), in(2, "idle")));
        feed(telemetry(seconds(BEGINNING, 60), charging(1, 260, 31), in(2, "idle")));
        feed(telemetry(seconds(BEGINNING, 90), in(1, "full"), in(2, "fault")));
        feed(telemetry(seconds(BEGINNING, 120), in(1, "idle"), in(2, "fault")));

        List<SeriesPoint> changes = newPoints("charger_port");
        assertThat(changes).extracting(p -> p.tags().get("port") + ":" + p.fields().get("previous_state") + "→"
                        + p.tags().get("state") + "@" + (p.tsMs() - BEGINNING) / 1000)
                .containsExactly("1:idle→charging@30", "1:charging→full@90", "2:idle→fault@90",
                        "1:full→idle@120");
        assertThat(changes.get(0).fields()).containsEntry("power_w", 250.0).containsEntry("temp_c", 30.0);
    }

    @Test
    void aReorderedOlderReading_doesNotInventAChange() throws Exception {
        feed(telemetry(seconds(BEGINNING, 0), in(1, "idle")));
        feed(telemetry(seconds(BEGINNING, 30), charging(1, 250, 30)));
        newPoints("charger_port");

        feed(telemetry(seconds(BEGINNING, 20), in(1, "idle")));
        feed(telemetry(seconds(BEGINNING, 40), charging(1, 255, 30)));

        assertThat(newPoints("charger_port")).isEmpty();
    }

    @Test
    void silentStation_getsItsMinuteFromTheTimer_andLeavesNoMinuteStateBehind() throws Exception {
        feed(telemetry(seconds(BEGINNING, 15), charging(1, 300, 33), charging(2, 500, 36)));
        assertThat(h.numEventTimeTimers()).as("its minute's end and its deadline").isEqualTo(2);

        // The station falls silent; event time moves on with the rest of the district.
        h.processWatermark(seconds(ONE_MINUTE_LATER, 40));

        assertThat(newPoints("charger_port_minute")).extracting(p -> p.fields().get("power_w_mean"))
                .containsExactly(300.0, 500.0);
        assertThat(minutesHeld()).as("kept for late readings until the deadline").containsExactly(BEGINNING);

        h.processWatermark(FIRST_MINUTE_DEADLINE);

        assertThat(minutesHeld()).isEmpty();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).as("only the ports' newest states").isEqualTo(1);
        assertThat(newPoints("charger_port_minute")).as("written once").isEmpty();
    }

    @Test
    void lateReading_withinTheLateness_rewritesItsMinute_laterOnesAreLeftOutAndCounted() throws Exception {
        feed(telemetry(seconds(BEGINNING, 10), charging(1, 100, 30)));
        feed(telemetry(seconds(ONE_MINUTE_LATER, 10), charging(1, 150, 30)));
        h.processWatermark(seconds(ONE_MINUTE_LATER, 20));
        assertThat(newPoints("charger_port_minute")).extracting(p -> p.fields().get("readings"))
                .containsExactly(1L);

        feed(telemetry(seconds(BEGINNING, 50), charging(1, 300, 30)));

        assertThat(newPoints("charger_port_minute")).as("the same point again, corrected").singleElement()
                .satisfies(p -> {
                    assertThat(p.tsMs()).isEqualTo(BEGINNING);
                    assertThat(p.fields()).contains(entry("readings", 2L), entry("power_w_mean", 200.0));
                });

        h.processWatermark(FIRST_MINUTE_DEADLINE);
        assertThat(newPoints("charger_port_minute")).as("the next minute").extracting(SeriesPoint::tsMs)
                .containsExactly(ONE_MINUTE_LATER);
        assertThat(minutesHeld()).containsExactly(ONE_MINUTE_LATER);

        feed(telemetry(seconds(BEGINNING, 55), charging(1, 900, 30)));

        assertThat(newPoints("charger_port_minute")).as("too late: the written minute stays as it is").isEmpty();
        assertThat(allPoints("charger_station")).as("the station point is still written").hasSize(4);
        assertThat(minutesHeld()).as("no minute state made up for it").containsExactly(ONE_MINUTE_LATER);
    }

    @Test
    void aMinuteWithoutReadings_writesNothing() throws Exception {
        feed(telemetry(seconds(BEGINNING, 10), charging(1, 100, 30)));
        feed(telemetry(seconds(TWO_MINUTES_LATER, 10), charging(1, 100, 30)));
        h.processWatermark(TWO_MINUTES_LATER + 60_000 - 1);

        assertThat(allPoints("charger_port_minute")).extracting(SeriesPoint::tsMs)
                .containsExactly(BEGINNING, TWO_MINUTES_LATER);
    }

    @Test
    void afterARestore_theMinuteContinues_andEachPortsFirstReadingIsWrittenAgain() throws Exception {
        feed(telemetry(seconds(BEGINNING, 10), charging(1, 100, 30)));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        h = harness(snapshot);
        read = 0;
        feed(telemetry(seconds(BEGINNING, 40), charging(1, 300, 30)));

        assertThat(newPoints("charger_port")).as("a starting point for the charts of this run").singleElement()
                .satisfies(p -> assertThat(p.fields()).doesNotContainKey("previous_state"));
        h.processWatermark(ONE_MINUTE_LATER - 1);
        assertThat(allPoints("charger_port_minute")).singleElement()
                .satisfies(p -> assertThat(p.fields()).contains(entry("readings", 2L), entry("power_w_mean", 200.0)));
    }

    /** Keyed state in Flink's own POJO format, also with Kryo turned off as in the jobs. */
    @Test
    void stateTypes_areFlinkPojos() {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        for (Class<?> type : List.of(PortMinute.class, PortStates.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).isInstanceOf(PojoTypeInfo.class);
            assertThat(info.createSerializer(noKryo)).isNotNull();
        }
    }
}
