package io.anju.jobs.history;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.model.LocationChain;
import io.anju.jobs.detect.crowd.ZoneStatus;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.GateEvent;
import io.anju.jobs.input.PortReading;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class SeriesPointsTest {
    static final long TS = 1_764_378_000_000L;
    static final LocationChain COMPOUND = new LocationChain("sd-01", "cm-03", "gr-0042", "cp-0117", null);
    static final LocationChain ZONE = new LocationChain("sd-01", "cm-01", "gr-0001", null, "bym-z03");

    static ChargerTelemetry telemetry() {
        return new ChargerTelemetry("chg-000123", TS, COMPOUND, 228.4, 24.1, false, 3.2, List.of(
                new PortReading(1, "charging", 228.0, 1.2, 273.6, 412.0, 31.5),
                new PortReading(2, "idle", 228.0, 0.0, 0.0, 0.0, 24.0),
                new PortReading(3, "charging", 227.5, 2.0, 455.0, 100.5, 35.0)), ChargerLimits.DEFAULTS);
    }

    @Test
    void chargerPort_isTheRawReading_withItsStateAsTagAndThePreviousStateAsField() {
        ChargerTelemetry t = telemetry();

        SeriesPoint change = SeriesPoints.chargerPort(t, t.ports().get(2), "idle");
        SeriesPoint first = SeriesPoints.chargerPort(t, t.ports().get(0), null);

        assertThat(change.toLineProtocol()).isEqualTo("charger_port,compound=cp-0117,device=chg-000123,grid=gr-0042,"
                + "port=3,state=charging current_a=2.0,energy_wh=100.5,power_w=455.0,previous_state=\"idle\","
                + "temp_c=35.0,voltage_v=227.5 1764378000000000000");
        assertThat(first.toLineProtocol()).isEqualTo("charger_port,compound=cp-0117,device=chg-000123,grid=gr-0042,"
                + "port=1,state=charging current_a=1.2,energy_wh=412.0,power_w=273.6,temp_c=31.5,voltage_v=228.0 "
                + "1764378000000000000");
    }

    @Test
    void chargerPortMinute_minMeanMaxLastAndCount_atTheMinutesStart() {
        PortMinute m = PortMinute.of("chg-000123", COMPOUND, TS);
        m.add(TS + 5_000, new PortReading(3, "charging", 48.0, 0.5, 100.0, 10.0, 30.0));
        m.add(TS + 45_000, new PortReading(3, "full", 48.0, 1.5, 300.0, 12.0, 35.0));
        m.add(TS + 25_000, new PortReading(3, "charging", 48.0, 1.0, 200.0, 11.0, 31.0));

        SeriesPoint p = SeriesPoints.chargerPortMinute(m, 0);

        assertThat(p.toLineProtocol()).isEqualTo("charger_port_minute,compound=cp-0117,device=chg-000123,"
                + "grid=gr-0042,port=3 current_a_max=1.5,energy_wh_last=12.0,power_w_max=300.0,power_w_mean=200.0,"
                + "power_w_min=100.0,readings=3i,state_last=\"full\",temp_c_max=35.0,temp_c_mean=32.0,"
                + "temp_c_min=30.0 1764378000000000000");
    }

    @Test
    void chargerStation_totalsBusyPortsAndLimits() {
        SeriesPoint station = SeriesPoints.chargerStation(telemetry());

        assertThat(station.measurement()).isEqualTo("charger_station");
        assertThat(station.tags()).containsOnlyKeys("compound", "device", "grid");
        assertThat(station.fields()).containsEntry("total_power_w", 728.6).containsEntry("busy_ports", 2L)
                .containsEntry("leakage_ma", 3.2).containsEntry("ambient_c", 24.1).containsEntry("smoke", false)
                .containsEntry("port_limit_w", 1_000L).containsEntry("station_limit_w", 8_700L)
                .containsEntry("mains_v", 228.4);
    }

    @Test
    void crowdZone_figuresFlowsLevelAndForecast() {
        ZoneStatus z = new ZoneStatus("bym-z03", "crd-0007", ZONE, TS, 412, 0.515, 0.412, null, null,
                Severity.BLUE, 7.5, 12.0, 222.0, 174.0, false);

        SeriesPoint p = SeriesPoints.crowdZone(z);

        assertThat(p.measurement()).isEqualTo("crowd_zone");
        assertThat(p.tags()).containsExactly(entry("community", "cm-01"), entry("device", "crd-0007"),
                entry("grid", "gr-0001"), entry("zone", "bym-z03"));
        assertThat(p.fields()).containsExactly(entry("density", 0.515), entry("forecast_min", 7.5),
                entry("in_per_min", 222.0), entry("level", 0L), entry("occupancy", 412L),
                entry("occupancy_share", 0.412), entry("out_per_min", 174.0), entry("trend_per_min", 12.0));
    }

    @Test
    void crowdZone_withoutAForecast_leavesTheFieldOut_andWritesTheLevelReached() {
        ZoneStatus z = new ZoneStatus("bym-z03", "crd-0007", ZONE, TS, 2_100, 2.6, 1.3, Severity.YELLOW,
                Severity.YELLOW, null, null, null, 0, 0, false);

        assertThat(SeriesPoints.crowdZone(z).fields()).doesNotContainKeys("forecast_min", "trend_per_min")
                .containsEntry("level", 2L);
    }

    @Test
    void gateMinute_countsEveryKindAtTheWindowStart() {
        GateCounts counts = new GateCounts();
        for (String[] kd : new String[][]{{"pass", "in"}, {"pass", "in"}, {"pass", "out"}, {"pass", null},
                {"denied", "in"}, {"forced_open", null}, {"held_open", null}, {"tailgate", "in"}, {"reboot", null}}) {
            counts.add(new GateEvent("gate-0009", TS + 5_000, COMPOUND, kd[0], kd[1], "face", "resident", null));
        }
        GateCounts merged = new GateMinuteCounts.Count().merge(counts, new GateMinuteCounts.Count()
                .add(new GateEvent("gate-0009", TS + 7_000, COMPOUND, "denied", "in", "card", "visitor", null),
                        new GateCounts()));

        SeriesPoint p = SeriesPoints.gateMinute(merged, TS);

        assertThat(p.measurement()).isEqualTo("gate_traffic");
        assertThat(p.tsMs()).isEqualTo(TS);
        assertThat(p.tags()).containsExactly(entry("compound", "cp-0117"), entry("device", "gate-0009"),
                entry("grid", "gr-0042"));
        assertThat(p.fields()).containsExactly(entry("denied", 2L), entry("forced", 1L), entry("held_open", 1L),
                entry("pass_in", 3L), entry("pass_out", 1L), entry("tailgate", 1L));
    }

    static Alert alert(String sourceId, int revision, AlertStatus status) {
        return alert(sourceId, revision, status, List.of());
    }

    static Alert alert(String sourceId, int revision, AlertStatus status, List<Evidence> evidence) {
        String key = Alert.dedupKey(AlertType.PORT_OVERLOAD, sourceId);
        return new Alert(Alert.idFor(key, TS), key, AlertType.PORT_OVERLOAD, Severity.ORANGE, status, revision,
                SourceKind.PORT, sourceId, "chg-000123", 3, COMPOUND, TS, TS + 5_000, TS + 5_100,
                "Port 3 draws 1,250 W, limit 1,000 W, for 5 s", "inspect_port", evidence);
    }

    @Test
    void alertWithEvidence_eachCitedReadingAtItsOwnTime() {
        Alert a = alert("chg-000123#3", 2, AlertStatus.UPDATED, List.of(
                Evidence.portReading(TS, "chg-000123", 3, "powerW", 1_250.0, "W"),
                Evidence.portReading(TS + 5_000, "chg-000123", 3, "currentA", 5.2, "A"),
                Evidence.event(TS + 4_000, "cam-0007", "smoke", "cam-0007-000042")));

        List<SeriesPoint> points = SeriesPoints.alertWithEvidence(a);

        assertThat(points).hasSize(4);
        assertThat(points.get(0)).isEqualTo(SeriesPoints.alert(a));
        String id = "alert_id=\"" + a.id() + "\"";
        assertThat(points.subList(1, 4)).extracting(SeriesPoint::toLineProtocol).containsExactly(
                "alert_evidence,compound=cp-0117,device=chg-000123,port=3,signal=powerW,type=port_overload " + id
                        + ",unit=\"W\",value=1250.0 1764378000000000000",
                "alert_evidence,compound=cp-0117,device=chg-000123,port=3,signal=currentA,type=port_overload " + id
                        + ",unit=\"A\",value=5.2 1764378005000000000",
                "alert_evidence,compound=cp-0117,device=cam-0007,signal=smoke,type=port_overload " + id
                        + ",snapshot_id=\"cam-0007-000042\" 1764378004000000000");
    }

    @Test
    void alert_lowCardinalityTagsAndTextAsFields() {
        Alert a = alert("chg-000123#3", 1, AlertStatus.RAISED);

        SeriesPoint p = SeriesPoints.alert(a);

        assertThat(p.measurement()).isEqualTo("alert");
        assertThat(p.tsMs()).isEqualTo(TS + 5_000);
        assertThat(p.tags()).containsExactly(entry("community", "cm-03"), entry("grid", "gr-0042"),
                entry("severity", "orange"), entry("source_kind", "port"), entry("status", "raised"),
                entry("sub_district", "sd-01"), entry("type", "port_overload"));
        assertThat(p.fields()).containsEntry("id", a.id()).containsEntry("dedup_key", "port_overload:chg-000123#3")
                .containsEntry("source_id", "chg-000123#3").containsEntry("revision", 1L)
                .containsEntry("severity_level", 3L).containsEntry("summary", a.summary())
                .containsEntry("recommended_action", "inspect_port").containsEntry("compound", "cp-0117")
                .containsEntry("first_event_ts", TS);
    }

    @Test
    void alert_tieBreakIsStablePerEmissionAndSeparatesSimultaneousAlerts() {
        SeriesPoint port3 = SeriesPoints.alert(alert("chg-000123#3", 1, AlertStatus.RAISED));
        SeriesPoint port4 = SeriesPoints.alert(alert("chg-000123#4", 1, AlertStatus.RAISED));

        assertThat(port3.tags()).isEqualTo(port4.tags());
        assertThat(port3.tsNanos()).isNotEqualTo(port4.tsNanos());
        assertThat(SeriesPoints.alert(alert("chg-000123#3", 1, AlertStatus.RAISED)).toLineProtocol())
                .isEqualTo(port3.toLineProtocol());
        assertThat(port3.tsNanos() / 1_000_000).isEqualTo(TS + 5_000);
    }

    @Test
    void lineProtocol_escapesSpacesCommasEqualsAndQuotes() {
        Map<String, String> tags = new TreeMap<>();
        tags.put("zone", "Bell Tower, north");
        tags.put("a=b", "x=y");
        tags.put("empty", "");
        Map<String, Object> fields = new TreeMap<>();
        fields.put("summary", "say \"hi\" \\ ok\nnext");
        fields.put("n", 3);
        fields.put("big", 1.0e10);
        fields.put("flag", true);
        fields.put("nan", Double.NaN);

        String line = new SeriesPoint("crowd zone,x", tags, fields, 1_000L).toLineProtocol();

        assertThat(line).isEqualTo("crowd\\ zone\\,x,a\\=b=x\\=y,zone=Bell\\ Tower\\,\\ north "
                + "big=10000000000.0,flag=true,n=3i,summary=\"say \\\"hi\\\" \\\\ ok next\" 1000000000");
    }

    @Test
    void pointWithoutUsableFields_isNotWritable() {
        assertThat(new SeriesPoint("m", Map.of("a", "b"), Map.of("x", Double.NaN), 1L).writable()).isFalse();
        assertThatThrownBy(() -> new SeriesPoint("m", Map.of(), Map.of("x", new Object()), 1L))
                .hasMessageContaining("field 'x' has unsupported type");
        assertThatThrownBy(() -> new SeriesPoint("m", new TreeMap<>(), new TreeMap<>(), 1L, 1_000_000))
                .hasMessageContaining("tieBreakNanos");
    }

    /** SeriesPoint crosses the network between Flink operators: in its own format, with Kryo off as in the jobs. */
    @Test
    void seriesPoint_survivesFlinkSerialization_withoutKryo() throws Exception {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        TypeSerializer<SeriesPoint> serializer = TypeInformation.of(SeriesPoint.class).createSerializer(noKryo);
        TreeMap<String, Object> fields = new TreeMap<>();
        fields.put("d", 1.5);
        fields.put("l", 7L);
        fields.put("b", true);
        fields.put("s", "text, with \"quotes\"");
        for (SeriesPoint original : List.of(SeriesPoints.alert(alert("chg-000123#3", 2, AlertStatus.UPDATED)),
                new SeriesPoint("m", new TreeMap<>(Map.of("k", "v")), fields, TS, 0))) {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serializer.serialize(original, out);

            SeriesPoint copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

            assertThat(copy).isEqualTo(original);
            assertThat(copy.toLineProtocol()).isEqualTo(original.toLineProtocol());
        }
    }
}
