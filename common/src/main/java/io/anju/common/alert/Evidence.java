package io.anju.common.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One reading or event that made a detector raise or update an alert.
 *
 * @param ts         device time of the reading, Unix ms
 * @param deviceId   the device that reported it
 * @param signal     what was measured, e.g. {@code powerW}, {@code tempC}, {@code smoke}, {@code density}
 * @param value      the value, when the signal has one
 * @param unit       its unit, e.g. {@code W}, {@code °C}, {@code p/m²}
 * @param port       the charger port, for per-port readings
 * @param snapshotId the device's snapshot id of an evidence image, when there is one
 * @param alertId    the alert this item stands for, when the evidence is another alert (a held stop names the alert
 *                   that asked for it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(long ts, String deviceId, String signal, Double value, String unit, Integer port,
                       String snapshotId, String alertId) {

    /** A reading or event of a device, citing no other alert. */
    public Evidence(long ts, String deviceId, String signal, Double value, String unit, Integer port,
                    String snapshotId) {
        this(ts, deviceId, signal, value, unit, port, snapshotId, null);
    }

    public static Evidence reading(long ts, String deviceId, String signal, double value, String unit) {
        return new Evidence(ts, deviceId, signal, value, unit, null, null);
    }

    public static Evidence portReading(long ts, String deviceId, int port, String signal, double value, String unit) {
        return new Evidence(ts, deviceId, signal, value, unit, port, null);
    }

    public static Evidence event(long ts, String deviceId, String signal, String snapshotId) {
        return new Evidence(ts, deviceId, signal, null, null, null, snapshotId);
    }

    /** An automatic {@code stop_port} of {@code port} that was not sent, and the alert that asked for it. */
    public static Evidence heldStop(long ts, String deviceId, int port, String alertId) {
        return new Evidence(ts, deviceId, "stop_port_held", null, null, port, null, alertId);
    }
}
