package io.anju.cases.notify;

import io.anju.common.config.Require;
import io.anju.common.config.Setting;

import java.time.Duration;

/**
 * How the outbox dispatcher works. Settings {@code notify.dispatcher.*}.
 *
 * @param pollInterval    how often due rows are looked for without a wake-up (default 1 s)
 * @param batchSize       rows claimed per round (default 100)
 * @param lease           a claimed row is due again after this if its dispatcher died mid-delivery (default 2 min;
 *                        must exceed deliveryTimeout)
 * @param deliveryTimeout a delivery not finished by then counts as failed (default 30 s)
 * @param retry           retry schedule of channels without their own (default 10 attempts, 1 s doubling to 1 min)
 */
public record DispatcherSettings(Duration pollInterval, int batchSize, Duration lease, Duration deliveryTimeout,
                                 Backoff retry) {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    public static final Backoff DEFAULT_RETRY =
            new Backoff(10, Duration.ofSeconds(1), Duration.ofMinutes(1), Backoff.DEFAULT_JITTER);

    public DispatcherSettings {
        Require.positive("notify.dispatcher.pollInterval", pollInterval);
        Require.between("notify.dispatcher.batchSize", batchSize, 1, 10_000);
        Require.positive("notify.dispatcher.deliveryTimeout", deliveryTimeout);
        Require.positive("notify.dispatcher.lease", lease);
        Require.that(lease.compareTo(deliveryTimeout) > 0, "notify.dispatcher.lease", lease,
                "must exceed notify.dispatcher.deliveryTimeout (" + Setting.format(deliveryTimeout) + ")");
        Require.that(retry != null, "notify.dispatcher.retry", null, "is required");
        retry.validate("notify.dispatcher.retry");
    }

    public static DispatcherSettings defaults() {
        return new DispatcherSettings(DEFAULT_POLL_INTERVAL, DEFAULT_BATCH_SIZE, DEFAULT_LEASE,
                DEFAULT_DELIVERY_TIMEOUT, DEFAULT_RETRY);
    }

    public DispatcherSettings withPollInterval(Duration d) {
        return new DispatcherSettings(d, batchSize, lease, deliveryTimeout, retry);
    }
}
