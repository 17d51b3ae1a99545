package io.anju.jobs.detect.crowd;

/** One occupancy reading of a zone kept for the trend: device time and people counted. */
public record CrowdSample(long ts, int count) {
}
