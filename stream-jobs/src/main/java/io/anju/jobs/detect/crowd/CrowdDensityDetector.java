package io.anju.jobs.detect.crowd;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.input.CrowdReading;
import io.anju.jobs.input.ZoneInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The crowd rules of one Beiyuanmen zone, keyed by zone id: CROWD_DENSITY (levels with hysteresis both ways),
 * CROWD_FORECAST (the trend reaches the next level within the horizon) and, at entrance zones, CROWD_INFLOW. They
 * live in one function because they share the zone's occupancy history and the forecast looks past the open
 * density level. The rules themselves are plain classes ({@link LevelHold}, {@link CrowdTrend},
 * {@link ForecastHold}, {@link InflowHold}, {@link FlowCheck}); this class keeps their state and words the alerts.
 *
 * <p>Readings no newer than the zone's newest are stale and dropped (counted), so a late reading never moves the
 * rules backwards. Readings of zones unknown to the registry are dropped and counted. Every reading also emits a
 * {@link ZoneStatus} on {@link #ZONE_STATUS} for the time-series history.
 */
public class CrowdDensityDetector extends KeyedProcessFunction<String, CrowdReading, Alert> {
    /** Side output: the zone's figures and forecast after every reading. */
    public static final OutputTag<ZoneStatus> ZONE_STATUS =
            new OutputTag<>("crowd-zone-status", TypeInformation.of(ZoneStatus.class));

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CrowdDensityDetector.class);
    private static final int EVIDENCE_READINGS = 3;

    private final CrowdSettings settings;
    private final CrowdLevels levels;

    private transient AlertBook alerts;
    private transient AlertBook forecasts;
    private transient ValueState<ZoneTrack> track;
    private transient ListState<CrowdSample> history;
    private transient Counter staleReadings;
    private transient Counter unknownZoneReadings;
    private transient Counter invalidReadings;

    public CrowdDensityDetector(CrowdSettings settings) {
        this.settings = settings;
        this.levels = new CrowdLevels(settings);
    }

    /** The key of a reading: its zone id (readings without one are dropped as unknown zones under the device id). */
    public static KeySelector<CrowdReading, String> keySelector() {
        return r -> r.location() != null && r.location().zoneId() != null ? r.location().zoneId()
                : "device:" + r.deviceId();
    }

    @Override
    public void open(OpenContext openContext) {
        alerts = new AlertBook(getRuntimeContext().getMapState(AlertBook.descriptor("crowd-alerts")));
        // Forecasts get their own book: its refresh re-sends the changing minutes more often than the default.
        forecasts = new AlertBook(getRuntimeContext().getMapState(AlertBook.descriptor("crowd-forecast-alerts")),
                settings.forecastRefresh(), System::currentTimeMillis);
        track = getRuntimeContext().getState(new ValueStateDescriptor<>("crowd-track", ZoneTrack.class));
        history = getRuntimeContext().getListState(new ListStateDescriptor<>("crowd-history", CrowdSample.class));
        staleReadings = getRuntimeContext().getMetricGroup().counter("staleReadings");
        unknownZoneReadings = getRuntimeContext().getMetricGroup().counter("unknownZoneReadings");
        invalidReadings = getRuntimeContext().getMetricGroup().counter("invalidReadings");
    }

    @Override
    public void processElement(CrowdReading r, Context ctx, Collector<Alert> out) throws Exception {
        ZoneInfo zone = r.zone();
        if (zone == null || r.location() == null || r.location().zoneId() == null) {
            unknownZoneReadings.inc();
            return;
        }
        if (r.count() < 0 || r.inCount() < 0 || r.outCount() < 0 || r.intervalS() <= 0 || !(zone.areaM2() > 0)
                || zone.capacity() <= 0) {
            invalidReadings.inc();
            return;
        }
        long ts = ctx.timestamp() != null ? ctx.timestamp() : r.ts();
        ZoneTrack stored = track.value();
        ZoneTrack t = stored == null ? new ZoneTrack() : stored;
        if (ts <= t.lastTs) {
            staleReadings.inc();
            return;
        }
        t.lastTs = ts;
        List<CrowdSample> window = addToHistory(new CrowdSample(ts, r.count()), ts);
        boolean wasSuspect = t.flow.suspect(settings);
        boolean suspect = t.flow.observe(ts, r.count(), r.inCount(), r.outCount(), r.intervalS(), settings);
        if (suspect && !wasSuspect) {
            LOG.warn("crowd counter {} of zone {}: count {} disagrees with its in/out flow balance {} for {} readings",
                    r.deviceId(), zone.zoneId(), r.count(), t.flow.balance, t.flow.streak);
        }
        Reading reading = new Reading(r, zone, ts, r.intervalS() * 1000L, suspect ? t.flow.balance : null);

        Severity reached = levels.level(r.count(), zone);
        Severity alertLevel = density(reading, t, reached, window, out);
        CrowdForecast forecast = forecast(reading, t, higher(reached, alertLevel), window, out);
        double inflowPerMin = InflowHold.perMin(r.inCount(), r.intervalS());
        inflow(reading, t, inflowPerMin, out);
        track.update(t);

        Double trend = window.get(window.size() - 1).ts() - window.get(0).ts() >= settings.trendMinSpan().toMillis()
                ? CrowdTrend.slopePerMin(window) : null;
        ctx.output(ZONE_STATUS, new ZoneStatus(zone.zoneId(), r.deviceId(), r.location(), ts, r.count(),
                CrowdLevels.density(r.count(), zone), (double) r.count() / zone.capacity(), reached, alertLevel,
                forecast == null ? null : forecast.nextLevel(), forecast == null ? null : forecast.minutes(), trend,
                inflowPerMin, r.intervalS() > 0 ? r.outCount() * 60.0 / r.intervalS() : 0, suspect));
    }

    /** One accepted reading with what the alerts need to say about it. */
    private record Reading(CrowdReading r, ZoneInfo zone, long ts, long coverMs, Integer flowBalance) {
        String zoneName() {
            return zone.name() == null ? zone.zoneId() : zone.zoneId() + " (" + zone.name() + ")";
        }
    }

    private Severity density(Reading x, ZoneTrack t, Severity reached, List<CrowdSample> window,
                             Collector<Alert> out) throws Exception {
        String key = Alert.dedupKey(AlertType.CROWD_DENSITY, x.zone.zoneId());
        Severity current = alerts.severity(key);
        Severity next = t.level.next(current, reached, levels.stayLevel(x.r.count(), x.zone), x.ts, x.coverMs,
                settings.minDuration().toMillis(), settings.clearAfter().toMillis());
        List<Evidence> evidence = densityEvidence(x, window);
        if (next == null) {
            if (current != null) {
                alerts.clear(key, x.ts, fmt("Zone %s below %s again: %s%s", x.zoneName(),
                        current.wireName(), figures(x), flowNote(x)), evidence).ifPresent(out::collect);
            }
            return null;
        }
        String summary = fmt("Zone %s %s: %s%s", x.zoneName(), next.wireName(), figures(x), flowNote(x));
        alerts.raiseOrUpdate(AlertDraft.zone(AlertType.CROWD_DENSITY, next, x.zone.zoneId(), x.r.location(), x.ts,
                summary, CrowdLevels.actionFor(next), evidence, figureFacts(x, levels.thresholdPersons(next, x.zone))))
                .ifPresent(out::collect);
        return next;
    }

    private CrowdForecast forecast(Reading x, ZoneTrack t, Severity from, List<CrowdSample> window,
                                   Collector<Alert> out) throws Exception {
        String key = Alert.dedupKey(AlertType.CROWD_FORECAST, x.zone.zoneId());
        Optional<CrowdForecast> forecast = CrowdTrend.forecast(window, from, x.zone, levels, settings);
        double horizonMin = settings.forecastHorizon().toMillis() / 60_000.0;
        boolean predicts = forecast.isPresent() && forecast.get().minutes() <= horizonMin
                && forecast.get().slopePerMin() >= settings.forecastMinRiseShare() * x.zone.capacity();
        Severity open = forecasts.severity(key);
        boolean keep = t.forecast.observe(predicts, open != null, settings.forecastHoldReadings());
        // The level the open forecast warned of is reached: the density alert speaks from now on.
        boolean reached = open != null && from != null && from.atLeast(open);
        if (predicts && keep) {
            CrowdForecast f = forecast.get();
            String level = f.nextLevel().wireName();
            String summary = fmt("Zone %s reaches %s in ~%d min at %+.0f people/min (now %d people, %s at %.0f)%s",
                    x.zoneName(), level, Math.max(1, Math.round(f.minutes())), f.slopePerMin(), f.occupancy(), level,
                    f.thresholdPersons(), flowNote(x));
            List<Evidence> evidence = List.of(
                    occupancy(x, window.get(0)), occupancy(x, window.get(window.size() - 1)),
                    Evidence.reading(x.ts, x.r.deviceId(), "trend", f.slopePerMin(), "persons/min"),
                    Evidence.reading(x.ts, x.r.deviceId(), "minutesToLevel", f.minutes(), "min"));
            List<AlertFact> facts = new ArrayList<>(List.of(
                    AlertFact.word("level", level),
                    AlertFact.figure("minutes", Math.max(1, Math.round(f.minutes())), "min"),
                    AlertFact.figure("trendPerMin", f.slopePerMin(), "persons/min")));
            facts.addAll(figureFacts(x, f.thresholdPersons()));
            forecasts.raiseOrUpdate(AlertDraft.zone(AlertType.CROWD_FORECAST, f.nextLevel(), x.zone.zoneId(),
                    x.r.location(), x.ts, summary, "prepare_flow_control", evidence, facts)).ifPresent(out::collect);
        } else if (open != null && (!keep || reached)) {
            String why = reached ? "level reached" : "trend no longer reaches " + open.wireName() + " within "
                    + Math.round(horizonMin) + " min";
            forecasts.clear(key, x.ts, fmt("Zone %s forecast ended (%s): %s", x.zoneName(), why,
                    figures(x)), List.of(occupancy(x, window.get(window.size() - 1)))).ifPresent(out::collect);
            t.forecast = new ForecastHold();
        }
        return forecast.orElse(null);
    }

    private void inflow(Reading x, ZoneTrack t, double perMin, Collector<Alert> out) throws Exception {
        String key = Alert.dedupKey(AlertType.CROWD_INFLOW, x.zone.zoneId());
        boolean open = alerts.isOpen(key);
        double limit = settings.inflowLimitPerMin(x.zone.capacity());
        boolean keep = x.zone.entrance() && t.inflow.observe(perMin, limit, open, x.ts, x.coverMs, settings);
        List<Evidence> evidence = List.of(
                Evidence.reading(x.ts, x.r.deviceId(), "inflow", perMin, "persons/min"),
                Evidence.reading(x.ts, x.r.deviceId(), "inCount", x.r.inCount(), "persons"));
        if (keep) {
            String summary = fmt("Entrance zone %s: inflow %.0f people/min against a limit of %.0f/min "
                    + "(%s)%s", x.zoneName(), perMin, limit, figures(x), flowNote(x));
            alerts.raiseOrUpdate(AlertDraft.zone(AlertType.CROWD_INFLOW, Severity.ORANGE, x.zone.zoneId(),
                    x.r.location(), x.ts, summary, "restrict_entry", evidence,
                    List.of(AlertFact.against("inflowPerMin", perMin, "persons/min", limit))))
                    .ifPresent(out::collect);
        } else if (open) {
            alerts.clear(key, x.ts, fmt("Entrance zone %s: inflow down to %.0f people/min (limit %.0f/min)",
                    x.zoneName(), perMin, limit), evidence).ifPresent(out::collect);
        }
    }

    /** Appends the reading to the zone's history, drops what left the trend window, returns the window. */
    private List<CrowdSample> addToHistory(CrowdSample sample, long ts) throws Exception {
        long oldest = ts - settings.trendWindow().toMillis();
        List<CrowdSample> window = new ArrayList<>();
        Iterable<CrowdSample> stored = history.get();
        if (stored != null) {
            for (CrowdSample s : stored) {
                if (s.ts() > oldest) {
                    window.add(s);
                }
            }
        }
        window.add(sample);
        history.update(window);
        return window;
    }

    private static List<Evidence> densityEvidence(Reading x, List<CrowdSample> window) {
        List<Evidence> evidence = new ArrayList<>();
        for (int i = Math.max(0, window.size() - EVIDENCE_READINGS); i < window.size(); i++) {
            CrowdSample s = window.get(i);
            evidence.add(Evidence.reading(s.ts(), x.r.deviceId(), "density", CrowdLevels.density(s.count(), x.zone),
                    "p/m²"));
        }
        evidence.add(occupancy(x, window.get(window.size() - 1)));
        if (x.flowBalance != null) {
            evidence.add(Evidence.reading(x.ts, x.r.deviceId(), "flowBalance", x.flowBalance, "persons"));
        }
        return evidence;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static Severity higher(Severity a, Severity b) {
        return a == null ? b : b == null ? a : Severity.max(a, b);
    }

    private static Evidence occupancy(Reading x, CrowdSample s) {
        return Evidence.reading(s.ts(), x.r.deviceId(), "occupancy", s.count(), "persons");
    }

    private static String figures(Reading x) {
        return fmt("%.2f p/m², %d people (%.0f %% of capacity %d)", CrowdLevels.density(x.r.count(), x.zone),
                x.r.count(), 100.0 * x.r.count() / x.zone.capacity(), x.zone.capacity());
    }

    /**
     * The zone's figures: the count against {@code thresholdPersons} (the count at which the level named by the alert
     * is reached), density, share of capacity, and the counter's flow balance when it disagrees with its count.
     */
    private static List<AlertFact> figureFacts(Reading x, double thresholdPersons) {
        List<AlertFact> facts = new ArrayList<>(5);
        facts.add(AlertFact.against("count", x.r.count(), "persons", thresholdPersons));
        facts.add(AlertFact.figure("density", CrowdLevels.density(x.r.count(), x.zone), "p/m²"));
        facts.add(AlertFact.figure("sharePct", 100.0 * x.r.count() / x.zone.capacity(), "%"));
        facts.add(AlertFact.figure("capacity", x.zone.capacity(), "persons"));
        if (x.flowBalance != null) {
            facts.add(AlertFact.figure("flowBalance", x.flowBalance, "persons"));
        }
        return facts;
    }

    private static String flowNote(Reading x) {
        return x.flowBalance == null ? "" : fmt("; counter %s disagrees with its in/out flows (count %d, "
                + "flow balance %d): check the camera", x.r.deviceId(), x.r.count(), x.flowBalance);
    }
}
