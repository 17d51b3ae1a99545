package io.anju.sim.run;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of a simulation run, read by the progress line. */
public final class SimStats {
    public final LongAdder published = new LongAdder();
    public final LongAdder acknowledged = new LongAdder();
    public final LongAdder errors = new LongAdder();
    /** Messages a device had to throw away because it was not connected (real devices have small buffers). */
    public final LongAdder droppedWhileDisconnected = new LongAdder();
    public final LongAdder connectFailures = new LongAdder();
    public final LongAdder commands = new LongAdder();
    public final LongAdder faultsInjected = new LongAdder();
    public final AtomicInteger connected = new AtomicInteger();
}
