package io.anju.jobs.detect.fire;

import io.anju.common.alert.AlertFact;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fire signs of one charging station right now and the level they make, without Flink.
 *
 * <p>Signs: a sustained rise (see {@link PortTrack#rise}), residual current above the leakage line, smoke, and a
 * port at or above the over-temperature line, which counts only together with another sign (vendors' false
 * alarms). Smoke is red at once; three signs are red, two orange, a rise alone blue, or yellow from
 * {@code yellowC}. Leakage alone is a leakage fault, not a fire risk. While a fire risk is open it stays at least
 * blue, and at least orange while a port is still over temperature, until the quiet period clears it.
 *
 * @param level        the fire-risk level before any building escalation; null when there is no fire risk
 * @param leakageOnly  leakage above the line without any fire sign: a leakage fault
 * @param quiet        no port at or above the clear line, no rise, no smoke, leakage normal
 * @param leaking      leakage above the line, with or without other signs
 * @param suspectPort  the port to stop: the hottest rising port, else the hottest port; null without readings
 * @param signs        the signs for people, e.g. "port 3 at 68.2 °C rising 3.4 °C/min, smoke"
 * @param evidence     the readings behind the signs
 * @param facts        the same signs as figures against their lines, for readers in any language
 */
public record FireAssessment(Severity level, boolean leakageOnly, boolean quiet, boolean leaking, Integer suspectPort,
                             String signs, List<Evidence> evidence, List<AlertFact> facts) {

    public static FireAssessment of(StationState station, Map<Integer, PortTrack> tracks, boolean open,
                                    FireRiskSettings s, long reportingGapMs) {
        Integer hottest = null;
        Integer suspect = null;
        PortTrack.Rise suspectRise = null;
        double hottestC = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Integer, PortTrack> e : tracks.entrySet()) {
            PortTrack t = e.getValue();
            if (t.empty() || station.newestTs - t.newestTs() > reportingGapMs) {
                continue;
            }
            if (t.newestC() > hottestC) {
                hottestC = t.newestC();
                hottest = e.getKey();
            }
            PortTrack.Rise r = t.rise(s.riseWindow().toMillis(), s.riseRate(), s.riseFloorC(), s.minRateRatio());
            if (r != null && (suspectRise == null || r.toC() > suspectRise.toC())) {
                suspectRise = r;
                suspect = e.getKey();
            }
        }
        if (suspect == null) {
            suspect = hottest;
        }
        boolean rising = suspectRise != null;
        boolean hot = hottest != null && hottestC >= s.overTempC();
        boolean warm = hottest != null && hottestC >= s.clearBelowC();
        boolean leak = station.leakageTs != StationState.NONE && station.leakageMa > s.leakageMa();
        boolean smoke = station.smoke;

        int count = (rising ? 1 : 0) + (leak ? 1 : 0) + (hot && (rising || leak) ? 1 : 0);
        Severity level;
        if (smoke || count >= 3) {
            level = Severity.RED;
        } else if (count == 2) {
            level = Severity.ORANGE;
        } else if (rising) {
            level = suspectRise.toC() >= s.yellowC() ? Severity.YELLOW : Severity.BLUE;
        } else {
            level = null;
        }
        if (open) {
            Severity floor = hot ? Severity.ORANGE : Severity.BLUE;
            level = level == null ? floor : Severity.max(level, floor);
        }
        boolean quiet = !warm && !rising && !smoke && !leak;
        if (level == null && !leak) {
            // Nearly every reading: nothing to tell, so no text and no evidence to build.
            return new FireAssessment(null, false, quiet, false, suspect, "", List.of(), List.of());
        }

        List<String> signs = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<AlertFact> facts = new ArrayList<>();
        if (suspect != null) {
            PortTrack t = tracks.get(suspect);
            String port = String.format(Locale.ROOT, "port %d at %.1f °C", suspect, t.newestC());
            if (rising) {
                port += String.format(Locale.ROOT, " rising %.1f °C/min", suspectRise.ratePerMin());
                evidence.add(Evidence.portReading(suspectRise.fromTs(), station.deviceId, suspect, "tempC",
                        suspectRise.fromC(), "°C"));
            }
            signs.add(port);
            facts.add(AlertFact.against("tempC", t.newestC(), "°C", s.overTempC()));
            if (rising) {
                facts.add(AlertFact.against("riseCPerMin", suspectRise.ratePerMin(), "°C/min", s.riseRate()));
            }
            evidence.add(Evidence.portReading(t.newestTs(), station.deviceId, suspect, "tempC", t.newestC(), "°C"));
        }
        if (smoke) {
            signs.add("smoke");
            facts.add(AlertFact.word("smoke", "detected"));
            evidence.add(Evidence.reading(station.smokeTs, station.deviceId, "smoke", 1, null));
        }
        if (leak) {
            signs.add(String.format(Locale.ROOT, "leakage %.1f mA", station.leakageMa));
            facts.add(AlertFact.against("leakageMa", station.leakageMa, "mA", s.leakageMa()));
            evidence.add(Evidence.reading(station.leakageTs, station.deviceId, "leakageMa", station.leakageMa, "mA"));
        }
        return new FireAssessment(level, leak && level == null, quiet, leak, suspect, String.join(", ", signs),
                evidence, facts);
    }

    /**
     * The signs as facts, with the escalation that raised the level when there is one ({@code raisedBy}
     * {@code ebike_in_elevator}).
     */
    public List<AlertFact> facts(String escalation) {
        if (escalation == null) {
            return facts;
        }
        List<AlertFact> out = new ArrayList<>(facts);
        out.add(AlertFact.word("raisedBy", "ebike_in_elevator"));
        return out;
    }

    /** One line for people: the signs, what to do, and why the level was raised, if it was. */
    public String summary(String stationId, Severity severity, String escalation) {
        boolean smoke = signs.contains("smoke");
        StringBuilder b = new StringBuilder(smoke ? "Smoke at charging station " : "Fire risk at charging station ")
                .append(stationId).append(": ").append(signs);
        if (smoke) {
            b.append("; call the fire service");
        }
        if (suspectPort != null) {
            b.append(severity.atLeast(Severity.ORANGE) ? "; stop port " : "; inspect port ").append(suspectPort);
        }
        if (escalation != null) {
            b.append("; ").append(escalation);
        }
        return b.toString();
    }
}
