package io.anju.jobs.history;

import io.anju.common.alert.Alert;
import io.anju.common.alert.Evidence;
import io.anju.common.model.LocationChain;
import io.anju.jobs.detect.crowd.ZoneStatus;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The measurements of docs/data-model.md, built from the jobs' typed inputs. Tags are the low-cardinality
 * dimensions dashboards filter and group by; everything unbounded (ids, text) and every measured value is a field.
 */
public final class SeriesPoints {
    public static final String CHARGER_PORT = "charger_port";
    public static final String CHARGER_PORT_MINUTE = "charger_port_minute";
    public static final String CHARGER_STATION = "charger_station";
    public static final String CROWD_ZONE = "crowd_zone";
    public static final String GATE_TRAFFIC = "gate_traffic";
    public static final String ALERT = "alert";
    public static final String ALERT_EVIDENCE = "alert_evidence";

    /** The port state that counts as busy at a station: drawing power. */
    private static final String CHARGING = "charging";

    private SeriesPoints() {
    }

    /**
     * {@code charger_port}: one port's reading as it came, written only where it tells what the minute's figures
     * cannot: at a change of state ({@code previousState} is the state before) and at the port's first reading in a
     * run of the job ({@code previousState} null), so a chart has a starting point. The state is a tag (4 values).
     */
    public static SeriesPoint chargerPort(ChargerTelemetry t, PortReading p, String previousState) {
        TreeMap<String, String> tags = placeTags(t.deviceId(), t.location());
        tags.put("port", Integer.toString(p.no()));
        tags.put("state", p.state());
        TreeMap<String, Object> fields = new TreeMap<>();
        fields.put("power_w", p.powerW());
        fields.put("current_a", p.currentA());
        fields.put("voltage_v", p.voltageV());
        fields.put("energy_wh", p.energyWh());
        fields.put("temp_c", p.tempC());
        fields.put("previous_state", previousState);
        return new SeriesPoint(CHARGER_PORT, tags, fields, t.ts(), 0);
    }

    /**
     * {@code charger_port_minute}: the figures of port {@code m.ports[i]} over one event-time minute, stamped with
     * the minute's start. The minute's last state is a field, not a tag, so each port is one series.
     */
    public static SeriesPoint chargerPortMinute(PortMinute m, int i) {
        TreeMap<String, String> tags = placeTags(m.deviceId, m.location);
        tags.put("port", Integer.toString(m.ports[i]));
        TreeMap<String, Object> fields = new TreeMap<>();
        int n = m.readings[i];
        fields.put("readings", n);
        fields.put("power_w_min", m.powerMin[i]);
        fields.put("power_w_mean", m.powerSum[i] / n);
        fields.put("power_w_max", m.powerMax[i]);
        fields.put("temp_c_min", m.tempMin[i]);
        fields.put("temp_c_mean", m.tempSum[i] / n);
        fields.put("temp_c_max", m.tempMax[i]);
        fields.put("current_a_max", m.currentMax[i]);
        fields.put("energy_wh_last", m.energyLast[i]);
        fields.put("state_last", m.stateLast[i]);
        return new SeriesPoint(CHARGER_PORT_MINUTE, tags, fields, m.start, 0);
    }

    /** {@code charger_station}: the station's totals and sensors per telemetry message. */
    public static SeriesPoint chargerStation(ChargerTelemetry t) {
        int busy = 0;
        for (PortReading p : t.ports()) {
            if (CHARGING.equals(p.state())) {
                busy++;
            }
        }
        TreeMap<String, Object> fields = new TreeMap<>();
        fields.put("total_power_w", t.totalPowerW());
        fields.put("busy_ports", busy);
        fields.put("leakage_ma", t.leakageMa());
        fields.put("ambient_c", t.ambientC());
        fields.put("mains_v", t.mainsV());
        fields.put("smoke", t.smoke());
        if (t.limits() != null) {
            fields.put("port_limit_w", t.limits().portLimitW());
            fields.put("station_limit_w", t.limits().stationLimitW());
        }
        return new SeriesPoint(CHARGER_STATION, placeTags(t.deviceId(), t.location()), fields, t.ts(), 0);
    }

    /**
     * {@code crowd_zone}: a zone's figures after one counter reading, as the crowd detector saw them: occupancy,
     * density, share of capacity, flows, the trend and the forecast ({@code forecast_min} is left out, not 0, when
     * the trend does not reach the next level: 0 would read as "next level now").
     */
    public static SeriesPoint crowdZone(ZoneStatus z) {
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put("zone", z.zoneId());
        tags.put("device", z.deviceId());
        locationTags(tags, z.location());
        TreeMap<String, Object> fields = new TreeMap<>();
        fields.put("occupancy", z.occupancy());
        fields.put("density", z.density());
        fields.put("occupancy_share", z.capacityShare());
        fields.put("in_per_min", z.inflowPerMin());
        fields.put("out_per_min", z.outflowPerMin());
        fields.put("level", z.level() == null ? 0 : z.level().ordinal() + 1);
        fields.put("forecast_min", z.minutesToNextLevel());
        fields.put("trend_per_min", z.trendPerMin());
        return new SeriesPoint(CROWD_ZONE, tags, fields, z.ts(), 0);
    }

    /** {@code gate_traffic}: one gate's counts of the minute that starts at {@code windowStart}. */
    public static SeriesPoint gateMinute(GateCounts c, long windowStart) {
        TreeMap<String, Object> fields = new TreeMap<>();
        fields.put("pass_in", c.passIn);
        fields.put("pass_out", c.passOut);
        fields.put("denied", c.denied);
        fields.put("forced", c.forced);
        fields.put("held_open", c.heldOpen);
        fields.put("tailgate", c.tailgate);
        return new SeriesPoint(GATE_TRAFFIC, placeTags(c.deviceId, c.location), fields, windowStart, 0);
    }

    /**
     * {@code alert}: one point per emission (raise, update, clear) at the event time of the emission. Two alerts of
     * the same type, severity and status in the same grid can share a millisecond; a tie-break in the sub-millisecond
     * nanoseconds, derived from the alert id and revision, keeps both while a replay of the same emission still
     * lands on the same point.
     */
    public static SeriesPoint alert(Alert a) {
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put("type", a.type().wireName());
        tags.put("severity", a.severity().wireName());
        tags.put("status", a.status().wireName());
        tags.put("source_kind", a.sourceKind() == null ? null : a.sourceKind().wireName());
        LocationChain l = a.location();
        if (l != null) {
            tags.put("sub_district", l.subDistrictId());
            tags.put("community", l.communityId());
            tags.put("grid", l.gridId());
        }
        TreeMap<String, Object> fields = new TreeMap<>();
        fields.put("id", a.id());
        fields.put("dedup_key", a.dedupKey());
        fields.put("source_id", a.sourceId());
        fields.put("revision", a.revision());
        fields.put("severity_level", a.severity().ordinal() + 1);
        fields.put("summary", a.summary());
        fields.put("recommended_action", a.recommendedAction());
        fields.put("first_event_ts", a.firstEventTs());
        if (l != null) {
            fields.put("compound", l.compoundId());
            fields.put("zone", l.zoneId());
        }
        return new SeriesPoint(ALERT, tags, fields, a.lastEventTs(), tieBreakNanos(a.id() + "#" + a.revision()));
    }

    /** The points of one alert emission: the {@code alert} point followed by one point per evidence item. */
    public static List<SeriesPoint> alertWithEvidence(Alert a) {
        List<Evidence> evidence = a.evidence() == null ? List.of() : a.evidence();
        List<SeriesPoint> points = new ArrayList<>(1 + evidence.size());
        points.add(alert(a));
        for (Evidence e : evidence) {
            points.add(alertEvidence(a, e));
        }
        return points;
    }

    /**
     * {@code alert_evidence}: one reading an alert cites, at the reading's own time (not the alert's), so that it
     * sits on the device's chart exactly where the reading was taken. Tagged by the alert type and the reading's
     * device, port and signal, so the same reading cited by several revisions of one alert is one point, and by two
     * kinds of alert two points; the alert's compound or zone only saves the dashboard a join. The alert id is a
     * field (one value per alert).
     */
    public static SeriesPoint alertEvidence(Alert a, Evidence e) {
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put("type", a.type().wireName());
        if (a.location() != null) {
            tags.put("compound", a.location().compoundId());
            tags.put("zone", a.location().zoneId());
        }
        tags.put("device", e.deviceId());
        tags.put("port", e.port() == null ? null : e.port().toString());
        tags.put("signal", e.signal());
        TreeMap<String, Object> fields = new TreeMap<>();
        fields.put("value", e.value());
        fields.put("unit", e.unit());
        fields.put("alert_id", a.id());
        fields.put("snapshot_id", e.snapshotId());
        return new SeriesPoint(ALERT_EVIDENCE, tags, fields, e.ts(), 0);
    }

    static int tieBreakNanos(String identity) {
        CRC32 crc = new CRC32();
        crc.update(identity.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % 1_000_000L);
    }

    /** device, compound, grid: a device sits in one compound and grid, so these add no series of their own. */
    private static TreeMap<String, String> placeTags(String deviceId, LocationChain location) {
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put("device", deviceId);
        if (location != null) {
            tags.put("compound", location.compoundId());
            tags.put("grid", location.gridId());
        }
        return tags;
    }

    private static void locationTags(TreeMap<String, String> tags, LocationChain location) {
        if (location != null) {
            tags.put("grid", location.gridId());
            tags.put("community", location.communityId());
        }
    }
}
