package io.anju.jobs.input;

import io.anju.common.model.LocationChain;

/** A gate event: pass, denied, forced_open, held_open or tailgate, with how and who (never a biometric image). */
public record GateEvent(String deviceId, long ts, LocationChain location, String kind, String direction,
                        String method, String personType, String snapshotId) {
}
