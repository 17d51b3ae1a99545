package io.anju.dashboards.live;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The {@code kind} filter of {@code GET /api/alerts/active}: the crowd view's alerts or the chargers view's. */
public enum AlertKind {
    CROWD(EnumSet.of(AlertType.CROWD_DENSITY, AlertType.CROWD_FORECAST, AlertType.CROWD_INFLOW), DeviceType.CROWD),
    /**
     * Charging-station alarms, remote cut-offs the readings did not confirm or the cap on mass cut-offs held, and
     * e-bikes taken into elevators (the same fire hazard, the same property manager).
     */
    CHARGER(EnumSet.of(AlertType.PORT_OVERLOAD, AlertType.STATION_OVERLOAD, AlertType.ILLEGAL_HIGH_POWER_LOAD,
            AlertType.FIRE_RISK, AlertType.LEAKAGE_FAULT, AlertType.STOP_UNCONFIRMED, AlertType.MASS_CUTOFF_HELD,
            AlertType.EBIKE_IN_ELEVATOR), DeviceType.CHARGER);

    private final Set<AlertType> types;
    private final DeviceType offlineDevices;

    AlertKind(Set<AlertType> types, DeviceType offlineDevices) {
        this.types = types;
        this.offlineDevices = offlineDevices;
    }

    /** {@code crowd} or {@code charger}; empty for anything else. */
    public static Optional<AlertKind> fromWire(String name) {
        for (AlertKind k : values()) {
            if (k.name().equalsIgnoreCase(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Its types, and the {@code device_offline} alerts of its devices. */
    public boolean covers(Alert a, Registry registry) {
        if (types.contains(a.type())) {
            return true;
        }
        return a.type() == AlertType.DEVICE_OFFLINE && a.deviceId() != null
                && registry.device(a.deviceId()).map(d -> d.type() == offlineDevices).orElse(false);
    }
}
