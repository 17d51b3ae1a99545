package io.anju.jobs.detect.crowd;

/**
 * The crowd rules' keyed state of one zone besides its open alerts and occupancy history.
 *
 * <p>A Flink POJO (public fields, no-arg constructor), so it is serialised without Kryo and survives a restore.
 */
public final class ZoneTrack {
    /** Device time of the newest reading taken; older or equal ones are stale. */
    public long lastTs = LevelHold.NONE;
    public LevelHold level = new LevelHold();
    public FlowCheck flow = new FlowCheck();
    public ForecastHold forecast = new ForecastHold();
    public InflowHold inflow = new InflowHold();

    public ZoneTrack() {
    }
}
