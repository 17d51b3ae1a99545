package io.anju.jobs.detect.fire;

import io.anju.common.alert.Evidence;
import io.anju.common.model.LocationChain;

import java.util.Arrays;
import java.util.List;

/**
 * What the fire-risk detector keeps per charging station besides its port histories, as a Flink POJO. Times are
 * device times; {@link #NONE} marks an absent one.
 */
public class StationState {
    public static final long NONE = Long.MIN_VALUE;

    public String deviceId;
    public LocationChain location;
    public int[] ports = new int[0];
    /** Newest reading of any kind from this station. */
    public long newestTs = NONE;
    public boolean smoke;
    public long smokeTs = NONE;
    public double leakageMa;
    public long leakageTs = NONE;
    /** Since when no fire sign holds, while a fire risk is open. */
    public long fireQuietSince = NONE;
    /**
     * When the open fire risk clears in event time, while its clear waits for the watermark to pass that time (so
     * that every escalation before it has arrived).
     */
    public long fireClearAt = NONE;
    /** Since when leakage is back to normal, while a leakage fault is open. */
    public long leakQuietSince = NONE;

    public StationState() {
    }

    public static StationState of(String deviceId, LocationChain location) {
        StationState s = new StationState();
        s.deviceId = deviceId;
        s.location = location;
        return s;
    }

    public void addPort(int port) {
        for (int p : ports) {
            if (p == port) {
                return;
            }
        }
        ports = Arrays.copyOf(ports, ports.length + 1);
        ports[ports.length - 1] = port;
        Arrays.sort(ports);
    }

    /** Applies the smoke flag read at {@code ts}; false when it is older than the newest one (stale). */
    public boolean smokeReading(double value, long ts) {
        if (ts < smokeTs) {
            return false;
        }
        // A smoke event and the telemetry of the same instant agree that there is smoke if either says so.
        smoke = ts == smokeTs ? smoke || value > 0 : value > 0;
        smokeTs = ts;
        return true;
    }

    /** Applies the leakage read at {@code ts}; false when it is older than the newest one (stale). */
    public boolean leakageReading(double value, long ts) {
        if (ts < leakageTs) {
            return false;
        }
        leakageMa = ts == leakageTs ? Math.max(leakageMa, value) : value;
        leakageTs = ts;
        return true;
    }

    /** What shows a station quiet when its alerts clear: its last leakage reading, if it sent one. */
    public List<Evidence> quietEvidence() {
        return leakageTs == NONE ? List.of()
                : List.of(Evidence.reading(leakageTs, deviceId, "leakageMa", leakageMa, "mA"));
    }

    public void seen(long ts, LocationChain latest) {
        newestTs = Math.max(newestTs, ts);
        // The same place again keeps the stored object: a new one per reading would live in state for minutes.
        if (latest != null && !latest.equals(location)) {
            location = latest;
        }
    }

    /** A station that has not reported for longer than {@code gapMs} before {@code now} must not clear. */
    public boolean reporting(long now, long gapMs) {
        return newestTs != NONE && now - newestTs <= gapMs;
    }
}
