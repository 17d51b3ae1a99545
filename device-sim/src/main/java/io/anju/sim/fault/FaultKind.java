package io.anju.sim.fault;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.model.DeviceType;

import java.util.Locale;

/**
 * The faults the simulator can inject, with the alert a detector is expected to raise for each: its type, the
 * severity it must reach with the default thresholds, and how soon (simulated time). These go into the ground truth,
 * against which the stream jobs' end-to-end test scores detection.
 */
public enum FaultKind {
    /** One port draws above its limit (1,000 W default) for several minutes. */
    PORT_OVERLOAD(DeviceType.CHARGER, true, 4, 10, AlertType.PORT_OVERLOAD, Severity.RED, 2),
    /** Every port busy at once, station total above its 8.7 kW limit. */
    STATION_OVERLOAD(DeviceType.CHARGER, false, 6, 15, AlertType.STATION_OVERLOAD, Severity.RED, 2),
    /** A flat draw of 800 W or more that does not taper for 20+ minutes: a heater or a modified battery. */
    ILLEGAL_LOAD(DeviceType.CHARGER, true, 22, 40, AlertType.ILLEGAL_HIGH_POWER_LOAD, Severity.ORANGE, 22),
    /** Port temperature rising ≥ 2 °C/min, then smoke, then leakage current. */
    THERMAL_RUNAWAY(DeviceType.CHARGER, true, 25, 40, AlertType.FIRE_RISK, Severity.RED, 15),
    /** Station residual current above 30 mA. */
    LEAKAGE(DeviceType.CHARGER, false, 5, 15, AlertType.LEAKAGE_FAULT, Severity.ORANGE, 2),
    /** The device stops publishing and its connection drops without DISCONNECT, so its Will fires. */
    OFFLINE(null, false, 8, 20, AlertType.DEVICE_OFFLINE, Severity.YELLOW, 6),
    /** A gate opened without a verified pass. */
    FORCED_GATE(DeviceType.GATE, false, 1, 3, AlertType.GATE_FORCED_OPEN, Severity.ORANGE, 1),
    /** Two e-bike detections in an elevator within 5 s. */
    EBIKE_ELEVATOR(DeviceType.CAMERA, false, 1, 1, AlertType.EBIKE_IN_ELEVATOR, Severity.YELLOW, 1),
    /** Inflow into a Beiyuanmen zone far above the day's pattern, density past the orange line (3.5 p/m²). */
    CROWD_SURGE(DeviceType.CROWD, false, 20, 40, AlertType.CROWD_DENSITY, Severity.ORANGE, 20);

    private final DeviceType deviceType;
    private final boolean perPort;
    private final int minMinutes;
    private final int maxMinutes;
    private final AlertType expectedAlert;
    private final Severity expectedSeverity;
    private final int detectWithinMinutes;

    FaultKind(DeviceType deviceType, boolean perPort, int minMinutes, int maxMinutes, AlertType expectedAlert,
              Severity expectedSeverity, int detectWithinMinutes) {
        this.deviceType = deviceType;
        this.perPort = perPort;
        this.minMinutes = minMinutes;
        this.maxMinutes = maxMinutes;
        this.expectedAlert = expectedAlert;
        this.expectedSeverity = expectedSeverity;
        this.detectWithinMinutes = detectWithinMinutes;
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

    /** The alert type a detector must raise for this fault. */
    public AlertType expectedAlert() {
        return expectedAlert;
    }

    /** The highest severity that alert must reach with the default thresholds. */
    public Severity expectedSeverity() {
        return expectedSeverity;
    }

    /** Simulated minutes from the fault's start within which the alert must be raised. */
    public int detectWithinMinutes() {
        return detectWithinMinutes;
    }
}
