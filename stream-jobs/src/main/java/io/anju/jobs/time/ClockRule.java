package io.anju.jobs.time;

import java.io.Serializable;
import java.time.Duration;

/**
 * Which time a reading counts at. A device's own {@code ts} is kept while it is within {@code tolerance} of the
 * gateway's receive time; further off (a clock a day ahead, an RTC reset to 2000-01-01 after a power cut, a reading
 * that took longer than the tolerance to arrive) the reading counts at the receive time instead, so one device's
 * clock can neither move anyone else's event time nor blind its own detectors. An envelope without a receive time
 * keeps the device's time.
 */
public final class ClockRule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long toleranceMs;

    public ClockRule(Duration tolerance) {
        this.toleranceMs = tolerance.toMillis();
    }

    /** The event time of a reading stamped {@code deviceTs} by the device and received at {@code receivedAt}. */
    public long eventTime(long deviceTs, long receivedAt) {
        return corrected(deviceTs, receivedAt) ? receivedAt : deviceTs;
    }

    /** True when the device's time is too far from the receive time to be used. */
    public boolean corrected(long deviceTs, long receivedAt) {
        return receivedAt > 0 && Math.abs(deviceTs - receivedAt) > toleranceMs;
    }

    public long toleranceMs() {
        return toleranceMs;
    }
}
