package io.anju.sim.fault;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.anju.common.model.DeviceType;

import java.util.Locale;

/**
 * The faults the simulator can inject, with the alert a detector is expected to raise for each
 * (alert name and severity hint go into the ground truth; later issues score detection against them).
 */
public enum FaultKind {
    /** One port draws above its limit (1,000 W default) for several minutes. */
    PORT_OVERLOAD(DeviceType.CHARGER, true, 4, 10, "port_overload", "high"),
    /** Every port busy at once, station total above its 8.7 kW limit. */
    STATION_OVERLOAD(DeviceType.CHARGER, false, 6, 15, "station_overload", "high"),
    /** A flat draw of 800 W or more that does not taper for 20+ minutes: a heater or a modified battery. */
    ILLEGAL_LOAD(DeviceType.CHARGER, true, 22, 40, "illegal_high_power_load", "high"),
    /** Port temperature rising ≥ 2 °C/min, then smoke, then leakage current. */
    THERMAL_RUNAWAY(DeviceType.CHARGER, true, 25, 40, "thermal_runaway", "critical"),
    /** Station residual current above 30 mA. */
    LEAKAGE(DeviceType.CHARGER, false, 5, 15, "leakage_fault", "high"),
    /** The device stops publishing and its connection drops without DISCONNECT, so its Will fires. */
    OFFLINE(null, false, 6, 20, "device_offline", "medium"),
    /** A gate opened without a verified pass. */
    FORCED_GATE(DeviceType.GATE, false, 1, 3, "forced_gate", "high"),
    /** Two e-bike detections in an elevator within 5 s. */
    EBIKE_ELEVATOR(DeviceType.CAMERA, false, 1, 1, "ebike_in_elevator", "high"),
    /** Inflow into a Beiyuanmen zone far above the day's pattern, density past the warning levels. */
    CROWD_SURGE(DeviceType.CROWD, false, 20, 40, "crowd_density", "orange");

    private final DeviceType deviceType;
    private final boolean perPort;
    private final int minMinutes;
    private final int maxMinutes;
    private final String expectedAlert;
    private final String severityHint;

    FaultKind(DeviceType deviceType, boolean perPort, int minMinutes, int maxMinutes, String expectedAlert,
              String severityHint) {
        this.deviceType = deviceType;
        this.perPort = perPort;
        this.minMinutes = minMinutes;
        this.maxMinutes = maxMinutes;
        this.expectedAlert = expectedAlert;
        this.severityHint = severityHint;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FaultKind fromWire(String name) {
        for (FaultKind k : values()) {
            if (k.wireName().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + name + "'");
    }

    /** The device type it applies to; null means any type. */
    public DeviceType deviceType() {
        return deviceType;
    }

    public boolean appliesTo(DeviceType type) {
        return deviceType == null || deviceType == type;
    }

    public boolean perPort() {
        return perPort;
    }

    public int minMinutes() {
        return minMinutes;
    }

    public int maxMinutes() {
        return maxMinutes;
    }

    public String expectedAlert() {
        return expectedAlert;
    }

    public String severityHint() {
        return severityHint;
    }
}
