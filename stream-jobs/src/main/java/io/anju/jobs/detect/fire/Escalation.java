package io.anju.jobs.detect.fire;

/**
 * What {@link CompoundFireDetector} tells the per-device detectors whenever the set of buildings of a compound with an
 * open e-bike-in-elevator advisory changes: while it is not empty, every fire risk of the compound is one level
 * higher. A Flink POJO (a record of a string and a number).
 *
 * @param compoundId the compound
 * @param ts         device time of the change
 * @param buildings  the buildings with an open advisory, sorted and comma-separated; empty when none is open
 */
public record Escalation(String compoundId, long ts, String buildings) {

    public boolean active() {
        return !buildings.isEmpty();
    }

    /** Why the compound's open fire risks are one level higher, or null when they are not. */
    public String reason() {
        return active() ? "raised one level: e-bike in the elevator of " + buildings : null;
    }
}
