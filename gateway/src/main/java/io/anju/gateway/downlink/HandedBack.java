package io.anju.gateway.downlink;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What deliveries and reports settle, handed back to the relay's poll thread to apply: that thread alone keeps the
 * relay's bookkeeping (offsets, what is being expired or flushed), so none of it needs a lock. Any thread adds.
 */
final class HandedBack {
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    void add(Runnable r) {
        queue.add(r);
    }

    /** Applies everything handed back so far. Poll thread. */
    void apply() {
        for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
            r.run();
        }
    }

    /** Waits up to {@code timeoutMs} for something to be handed back, then applies all there is. Poll thread. */
    void awaitAndApply(long timeoutMs) throws InterruptedException {
        Runnable r = queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (r != null) {
            r.run();
            apply();
        }
    }
}
