package io.anju.jobs.detect.crowd;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.model.LocationChain;
import io.anju.jobs.input.CrowdReading;
import io.anju.jobs.input.ZoneInfo;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;

/**
 * Zones, times and readings for the crowd tests. Zones have 1,000 m² and the generated registry's capacity
 * (2 p/m²): blue at 1,000 people (1.0 p/m²), yellow at 1,600 (80 % of capacity), orange at 3,500, red at 5,000.
 */
final class CrowdFixtures {
    static final long BEGINNING = 1_767_225_600_000L;
    static final int INTERVAL_S = 10;
    static final long STEP_MS = INTERVAL_S * 1000L;

    /** A street zone inside the street (no inflow rule). */
    static final ZoneInfo STREET = new ZoneInfo("Z004", "北院门街中段", 1000, 2000, false);
    /** An entrance zone: inflow limit capacity / 10 = 200 people/min. */
    static final ZoneInfo GATE = new ZoneInfo("Z002", "北院门牌楼", 1000, 2000, true);
    /** A small lane, as the generated registry makes them. */
    static final ZoneInfo LANE = new ZoneInfo("Z013", "洒金桥北口", 300, 600, true);

    private CrowdFixtures() {
    }

    static LocationChain chainOf(ZoneInfo zone) {
        return new LocationChain("SD01", "C001", "G001", null, zone.zoneId());
    }

    static String counterOf(ZoneInfo zone) {
        return "crowd-" + zone.zoneId();
    }

    /** Device time of the {@code n}th reading (0 = BEGINNING). */
    static long step(int n) {
        return BEGINNING + n * STEP_MS;
    }

    static long minutes(double m) {
        return (long) (m * 60_000);
    }

    static CrowdReading reading(ZoneInfo zone, long ts, int count, int in, int out) {
        return new CrowdReading(counterOf(zone), ts, chainOf(zone), count, in, out, INTERVAL_S, zone);
    }

    /** A reading whose flows agree with the previous count. */
    static CrowdReading reading(ZoneInfo zone, long ts, int count, int previousCount) {
        int delta = count - previousCount;
        return reading(zone, ts, count, Math.max(0, delta), Math.max(0, -delta));
    }

    static List<Alert> ofType(List<Alert> alerts, AlertType type) {
        return alerts.stream().filter(a -> a.type() == type).toList();
    }

    static List<Alert> withStatus(List<Alert> alerts, AlertStatus status) {
        return alerts.stream().filter(a -> a.status() == status).toList();
    }

    /** The defaults with one setting changed, by its record component name. */
    static CrowdSettings settingsWith(String name, Object value) {
        RecordComponent[] components = CrowdSettings.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        CrowdSettings defaults = CrowdSettings.defaults();
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                if (components[i].getName().equals(name)) {
                    args[i] = value;
                    found = true;
                } else {
                    args[i] = components[i].getAccessor().invoke(defaults);
                }
            }
            if (!found) {
                throw new IllegalArgumentException("no setting " + name);
            }
            return CrowdSettings.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
