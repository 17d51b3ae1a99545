package io.anju.common.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Every kind of warning the stream jobs raise. The wire name is the lower-case constant name; the case system
 * maps each to a category and a responsible department.
 */
public enum AlertType {
    /** A charger port above its power limit. */
    PORT_OVERLOAD,
    /** A charging station's total power past its refuse or limit line. */
    STATION_OVERLOAD,
    /** A flat draw of 800 W or more that does not taper: a heater or a modified battery, not an e-bike. */
    ILLEGAL_HIGH_POWER_LOAD,
    /** Fused temperature, trend, smoke and leakage signals of a charging station. */
    FIRE_RISK,
    /** Residual current above 30 mA at a station, without the other signs of a fire. */
    LEAKAGE_FAULT,
    /** An e-bike taken into a building's elevator (confirmed by two detections). */
    EBIKE_IN_ELEVATOR,
    /** A Beiyuanmen zone's density or occupancy past a warning level. */
    CROWD_DENSITY,
    /** A zone's trend reaches the next level within the forecast horizon. */
    CROWD_FORECAST,
    /** Inflow at an entrance zone high enough to restrict entry. */
    CROWD_INFLOW,
    /** A device silent for longer than its heartbeat allows. */
    DEVICE_OFFLINE,
    GATE_FORCED_OPEN,
    GATE_HELD_OPEN,
    GATE_DENIED_BURST,
    GATE_TAILGATING,
    /** An automatic {@code stop_port} that the charger's own readings did not confirm, after its retries. */
    STOP_UNCONFIRMED,
    /** Automatic stops of a compound not sent because more than the cap came within a minute: a person decides. */
    MASS_CUTOFF_HELD;

    /** Computed once: the wire name is on every hot path (dedup keys, topic names). */
    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wire;
    }

    @JsonCreator
    public static AlertType fromWire(String name) {
        for (AlertType t : values()) {
            if (t.wireName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown alert type '" + name + "'");
    }
}
