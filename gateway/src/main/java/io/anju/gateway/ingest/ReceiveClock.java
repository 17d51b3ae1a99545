package io.anju.gateway.ingest;

import java.util.function.LongSupplier;

/**
 * The time the gateway stamps on every message it receives (Unix ms). It is the wall clock, unless the gateway serves
 * a simulated district that runs faster than real time (the demo, the scenario tests): then it follows the
 * simulation's clock from the moment the simulation exists, so that well-set simulated devices agree with the gateway
 * as well-set real ones do, and the jobs' clock rule treats them alike.
 */
public final class ReceiveClock implements LongSupplier {
    private volatile LongSupplier source = System::currentTimeMillis;

    /** From now on, receive times are {@code clock}'s time. */
    public void follow(LongSupplier clock) {
        this.source = clock;
    }

    @Override
    public long getAsLong() {
        return source.getAsLong();
    }
}
