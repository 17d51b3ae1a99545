package io.anju.cases.testing;

import io.anju.cases.model.ResponseLevel;
import io.anju.cases.routing.Category;
import io.anju.cases.routing.CategoryTable;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.anju.common.alert.AlertType.*;

/** A small category table covering every alert type, independent of the shipped defaults. */
public final class TestCategories {
    public static final String CHARGER = "01-01";
    public static final String FIRE = "01-02";
    public static final String CROWD = "02-01";
    public static final String GATE = "03-01";
    public static final String BUILDING = "04-01";
    public static final String DEVICE = "05-01";
    public static final String GENERAL = "09-01";

    private TestCategories() {
    }

    public static CategoryTable table() {
        return new CategoryTable(List.of(
                category(CHARGER, "charger", "property", List.of(),
                        List.of(PORT_OVERLOAD, STATION_OVERLOAD, ILLEGAL_HIGH_POWER_LOAD, LEAKAGE_FAULT)),
                category(FIRE, "charger", "fire", List.of("property"),
                        List.of(FIRE_RISK, STOP_UNCONFIRMED, MASS_CUTOFF_HELD)),
                category(CROWD, "crowd", "street_emergency", List.of("police"),
                        List.of(CROWD_DENSITY, CROWD_FORECAST, CROWD_INFLOW)),
                category(GATE, "gate", "police", List.of(),
                        List.of(GATE_FORCED_OPEN, GATE_HELD_OPEN, GATE_DENIED_BURST, GATE_TAILGATING)),
                category(BUILDING, "building", "property", List.of(), List.of(EBIKE_IN_ELEVATOR)),
                category(DEVICE, "device", "property", List.of(), List.of(DEVICE_OFFLINE)),
                category(GENERAL, "general", "street", List.of(), List.of())));
    }

    private static Category category(String code, String group, String department, List<String> support,
                                     List<AlertType> types) {
        Map<Severity, Duration> handle = new EnumMap<>(Severity.class);
        Map<Severity, Duration> acknowledge = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            handle.put(s, Duration.ofHours(24 - 4L * s.ordinal()));
            acknowledge.put(s, Duration.ofMinutes(10));
        }
        return new Category(code, "major " + code, "minor " + code, "类 " + code, group, department, support, types,
                List.of(), Duration.ofMinutes(30), acknowledge, handle, allCases());
    }

    /** Every severity opens a case, as before response levels. */
    public static Map<Severity, ResponseLevel> allCases() {
        Map<Severity, ResponseLevel> response = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            response.put(s, ResponseLevel.CASE);
        }
        return response;
    }
}
