package io.anju.cases.api;

import io.anju.cases.routing.Category;
import io.anju.cases.routing.CategoryTable;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A small category table for API tests: charger, crowd and a hand-reported category, every alert type covered. */
final class TestCategories {

    private TestCategories() {
    }

    static CategoryTable table() {
        return new CategoryTable(List.of(
                category("01-01", "charger", "property", List.of(AlertType.PORT_OVERLOAD, AlertType.STATION_OVERLOAD,
                        AlertType.ILLEGAL_HIGH_POWER_LOAD, AlertType.FIRE_RISK, AlertType.LEAKAGE_FAULT,
                        AlertType.EBIKE_IN_ELEVATOR, AlertType.DEVICE_OFFLINE, AlertType.GATE_FORCED_OPEN,
                        AlertType.GATE_HELD_OPEN, AlertType.GATE_DENIED_BURST, AlertType.GATE_TAILGATING)),
                category("02-01", "crowd", "street_emergency", List.of(AlertType.CROWD_DENSITY,
                        AlertType.CROWD_FORECAST, AlertType.CROWD_INFLOW)),
                category("09-01", "general", "city_management", List.of())));
    }

    private static Category category(String code, String group, String department, List<AlertType> types) {
        Map<Severity, Duration> limits = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            limits.put(s, Duration.ofHours(4 - s.ordinal()));
        }
        return new Category(code, group, group + " case", group, group, department, List.of(), types,
                Duration.ofMinutes(30), limits);
    }
}
