package io.anju.gateway.e2e;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A charger that publishes QoS 1 telemetry (seq 1, 2, …) as fast as a window of unacknowledged messages allows,
 * like a real device: when the gateway closes the connection it reconnects and resends whatever was not
 * acknowledged. It records exactly which seqs the gateway acknowledged.
 */
final class PublishingDevice implements Runnable {
    static final long TS0 = 1_764_378_000_000L;
    private static final long RECONNECT_PAUSE_MS = 200;

    private final DeviceConnection connection;
    private final String topic;
    private final int window;
    private final Set<Long> acked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger published = new AtomicInteger();
    private final Object lock = new Object();
    /** Seqs sent on the current connection without an outcome yet. */
    private final Set<Long> inFlight = new HashSet<>();
    /** Seqs to send again, first. */
    private final Deque<Long> resend = new ArrayDeque<>();
    private long nextSeq = 1;
    private int connectionEpoch;
    private volatile boolean running = true;

    PublishingDevice(DeviceConnection connection, int window) {
        this.connection = connection;
        this.topic = MqttTopics.telemetry(DeviceType.CHARGER, connection.deviceId);
        this.window = window;
    }

    @Override
    public void run() {
        while (running) {
            if (!connection.isConnected() && !reconnect()) {
                continue;
            }
            long seq;
            int epoch;
            synchronized (lock) {
                if (inFlight.size() >= window) {
                    waitQuietly(50);
                    continue;
                }
                Long again = resend.poll();
                seq = again != null ? again : nextSeq++;
                inFlight.add(seq);
                epoch = connectionEpoch;
            }
            published.incrementAndGet();
            connection.publishQos1(topic, DeviceClients.bytes(DeviceClients.chargerTelemetry(TS0 + seq, seq)),
                    () -> outcome(seq, epoch, true), e -> outcome(seq, epoch, false));
        }
    }

    private void outcome(long seq, int epoch, boolean ack) {
        if (ack) {
            acked.add(seq); // a PUBACK is a PUBACK, even for an attempt of an earlier connection
        }
        synchronized (lock) {
            if (epoch == connectionEpoch && inFlight.remove(seq) && !ack) {
                resend.add(seq);
            }
            lock.notifyAll();
        }
    }

    /** Connects again; everything unanswered on the old connection is resent on the new one. */
    private boolean reconnect() {
        synchronized (lock) {
            connectionEpoch++;
            resend.addAll(inFlight);
            inFlight.clear();
        }
        try {
            connection.connect();
            return true;
        } catch (Exception e) {
            sleepQuietly(RECONNECT_PAUSE_MS);
            return false;
        }
    }

    /** Stops publishing new messages (the loop ends after its current step). */
    void stop() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** After {@link #stop}: waits until every message sent on the live connection has its outcome. */
    boolean awaitOutcomes(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (!inFlight.isEmpty() && connection.isConnected()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                waitQuietly(Math.min(left, 100));
            }
            return true;
        }
    }

    String deviceId() {
        return connection.deviceId;
    }

    Set<Long> acked() {
        return acked;
    }

    int ackedCount() {
        return acked.size();
    }

    int publishedCount() {
        return published.get();
    }

    DeviceConnection connection() {
        return connection;
    }

    private void waitQuietly(long ms) {
        try {
            lock.wait(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
