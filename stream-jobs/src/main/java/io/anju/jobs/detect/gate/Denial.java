package io.anju.jobs.detect.gate;

import io.anju.jobs.input.GateEvent;

/** A denied verification, as much of it as a burst needs for its evidence and its recommended action. */
public record Denial(long ts, String method, String personType, String snapshotId) {

    public static Denial of(GateEvent e) {
        return new Denial(e.ts(), e.method(), e.personType(), e.snapshotId());
    }
}
