package io.anju.sim.truth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.model.Device;
import io.anju.sim.fault.FaultSpec;

/**
 * One line of the ground-truth JSONL file: an injected fault, where it happened and what a detector should
 * raise. Times are simulated (device) time, Unix ms.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroundTruth(String fault, String deviceId, String compoundId, String zoneId, Integer port,
                          long startTs, long endTs, Expected expected) {

    /**
     * The alert a detector is expected to raise: its type, the severity it must reach, and the simulated ms after
     * the fault's start by which it must have been raised.
     */
    public record Expected(AlertType alert, Severity severity, long withinMs) {
    }

    public static GroundTruth of(FaultSpec spec, Device device) {
        String compound = device.location() == null ? null : device.location().compoundId();
        String zone = device.location() == null ? null : device.location().zoneId();
        return new GroundTruth(spec.fault().wireName(), spec.deviceId(), compound, zone, spec.port(), spec.startTs(),
                spec.endTs(), new Expected(spec.fault().expectedAlert(), spec.fault().expectedSeverity(),
                spec.fault().detectWithinMinutes() * 60_000L));
    }
}
