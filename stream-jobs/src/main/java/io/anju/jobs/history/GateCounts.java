package io.anju.jobs.history;

import io.anju.common.model.LocationChain;
import io.anju.jobs.input.GateEvent;

/**
 * One gate's event counts in one minute: the accumulator of {@link GateMinuteCounts}. A mutable Flink POJO (public
 * fields, no-arg constructor) so window state is serialised without Kryo.
 */
public class GateCounts {
    public String deviceId;
    public LocationChain location;
    public long passIn;
    public long passOut;
    public long denied;
    public long forced;
    public long heldOpen;
    public long tailgate;

    public GateCounts() {
    }

    /** Counts one event; a pass without a direction counts as inbound (gates report "in" unless told otherwise). */
    public GateCounts add(GateEvent e) {
        if (deviceId == null) {
            deviceId = e.deviceId();
            location = e.location();
        }
        switch (e.kind() == null ? "" : e.kind()) {
            case "pass" -> {
                if ("out".equals(e.direction())) {
                    passOut++;
                } else {
                    passIn++;
                }
            }
            case "denied" -> denied++;
            case "forced_open" -> forced++;
            case "held_open" -> heldOpen++;
            case "tailgate" -> tailgate++;
            default -> {
                // Kinds added by newer firmware are not part of the minute counts.
            }
        }
        return this;
    }

    public GateCounts merge(GateCounts other) {
        if (deviceId == null) {
            deviceId = other.deviceId;
            location = other.location;
        }
        passIn += other.passIn;
        passOut += other.passOut;
        denied += other.denied;
        forced += other.forced;
        heldOpen += other.heldOpen;
        tailgate += other.tailgate;
        return this;
    }
}
