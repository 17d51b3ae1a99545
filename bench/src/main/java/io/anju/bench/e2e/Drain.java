package io.anju.bench.e2e;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * After the load: waiting for the jobs to take in what it produced, and their lag to come back down, while saying
 * how far they are every {@value E2eRun#SAMPLE_EVERY_MS} ms.
 */
final class Drain {
    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);
    /** After both jobs have committed everything, how long the drain still waits for their lag and the probes. */
    static final long SETTLE_MS = 60_000;
    /** A minute's figures are in InfluxDB this long after the minute's end (10 s out-of-orderness, a flush, margin). */
    static final long MINUTE_WRITTEN_AFTER_MS = 20_000;

    private final Duration timeout;
    private final Consumer<String> progress;

    Drain(Duration timeout, Consumer<String> progress) {
        this.timeout = timeout;
        this.progress = progress;
    }

    /**
     * The drain: until both jobs have committed {@code end} records of the topic (their committed positions move at
     * checkpoints only, so this is up to a checkpoint interval late), and then, for at most {@value #SETTLE_MS} ms more,
     * until both lags have recovered and every measured probe reading is a case change; at most the drain timeout.
     * Seconds from the load's end until each group had committed everything, -1 when it had not: [alerting,
     * history].
     */
    double[] untilSettled(KafkaPositions kafka, long end, LagSampler lags, ProbeLedger ledger, long loadFromMs,
                          long loadToMs) throws Exception {
        long start = System.nanoTime();
        long until = start + timeout.toNanos();
        double[] caughtUp = {-1, -1};
        String[] groups = {E2eRun.ALERTS_GROUP, E2eRun.HISTORY_GROUP};
        long nextLine = start;
        while (true) {
            long[] behind = new long[2];
            for (int i = 0; i < 2; i++) {
                behind[i] = end - kafka.committed(groups[i], E2eRun.CHARGER_TOPIC);
                if (behind[i] <= 0 && caughtUp[i] < 0) {
                    caughtUp[i] = (System.nanoTime() - start) / 1e9;
                }
            }
            E2eResult.Lags now = lagFigures(lags, loadFromMs, loadToMs);
            int[] probes = ledger.measuredAndCommitted();
            boolean committed = caughtUp[0] >= 0 && caughtUp[1] >= 0;
            boolean settled = now.alerting().recoveredAfterS() >= 0 && now.history().recoveredAfterS() >= 0
                    && probes[1] >= probes[0];
            double sinceCommitted = committed ? (System.nanoTime() - start) / 1e9 - Math.max(caughtUp[0], caughtUp[1])
                    : 0;
            if (committed && (settled || sinceCommitted * 1000 >= SETTLE_MS)) {
                return caughtUp;
            }
            if (System.nanoTime() > until) {
                LOG.warn("after {} s the alerting job is {} and the history job {} records behind (committed)",
                        timeout.toSeconds(), behind[0], behind[1]);
                return caughtUp;
            }
            if (System.nanoTime() >= nextLine) {
                progress.accept(E2eReport.drainProgress((System.nanoTime() - start) / 1e9, behind, lags.latestLags(),
                        probes));
                nextLine += TimeUnit.MILLISECONDS.toNanos(E2eRun.SAMPLE_EVERY_MS);
            }
            Thread.sleep(2_000);
        }
    }

    /** The lag summaries of the scrapes so far, the load being [loadFromMs, loadToMs]. */
    static E2eResult.Lags lagFigures(LagSampler lags, long loadFromMs, long loadToMs) {
        List<LagSampler.Scrape> scrapes = lags.scrapes();
        LagSummary alerting = LagSummary.of(LagSampler.series(scrapes, true), loadFromMs, loadToMs,
                E2eSettings.ALERTING_LAG_GOAL.toMillis());
        LagSummary history = LagSummary.of(LagSampler.series(scrapes, false), loadFromMs, loadToMs,
                E2eSettings.HISTORY_RECOVERED_BELOW.toMillis());
        double drainS = scrapes.isEmpty() ? 0
                : Math.max(0, (scrapes.get(scrapes.size() - 1).atMs() - loadToMs) / 1000.0);
        return new E2eResult.Lags(alerting, history, scrapes.size(), lags.failures(), drainS);
    }

    /**
     * Until the history job has written the load's last {@code charger_port_minute}: a minute is written when event
     * time passes its end, some 10 s (the jobs' out-of-orderness) after it; the case probe's readings keep event time
     * moving after the load.
     */
    static void awaitMinutesWritten(Instant loadEnd) throws InterruptedException {
        long lastMinuteEnds = (Math.floorDiv(loadEnd.toEpochMilli(), 60_000L) + 1) * 60_000L;
        long wait = lastMinuteEnds + MINUTE_WRITTEN_AFTER_MS - System.currentTimeMillis();
        if (wait > 0) {
            LOG.info("waiting {} s for the history job to write the load's last minute", wait / 1000);
            Thread.sleep(wait);
        }
    }
}
