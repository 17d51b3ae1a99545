package io.anju.jobs.detect.fire;

import java.util.Arrays;

/**
 * The recent temperature history of one charger port, newest last, as a Flink POJO (public fields, no-arg
 * constructor) so that keyed state can store it without Kryo.
 */
public class PortTrack {
    public long[] ts = new long[0];
    public double[] tempC = new double[0];

    public PortTrack() {
    }

    /** A sustained rise: its rate over the whole window and the readings it spans. */
    public record Rise(double ratePerMin, long fromTs, double fromC, long toTs, double toC) {
    }

    /**
     * Appends a reading and forgets those older than {@code keepMs} before it; false (and no change) when the
     * reading is not newer than the newest one, so a stale reading cannot move the history backwards.
     */
    public boolean add(long readingTs, double readingC, long keepMs) {
        int n = ts.length;
        if (n > 0 && readingTs <= ts[n - 1]) {
            return false;
        }
        int from = 0;
        while (from < n && ts[from] < readingTs - keepMs) {
            from++;
        }
        long[] nextTs = Arrays.copyOfRange(ts, from, n + 1);
        double[] nextC = Arrays.copyOfRange(tempC, from, n + 1);
        nextTs[nextTs.length - 1] = readingTs;
        nextC[nextC.length - 1] = readingC;
        ts = nextTs;
        tempC = nextC;
        return true;
    }

    public boolean empty() {
        return ts.length == 0;
    }

    public long newestTs() {
        return ts[ts.length - 1];
    }

    public double newestC() {
        return tempC[tempC.length - 1];
    }

    /**
     * The rise of the last {@code windowMs} when each third of it rises at least {@code minRate} °C/min, the port is
     * at least {@code floorC} warm and the last third is not slower than {@code minRatio} × the first third; else
     * null. Each third is measured between the readings at or just before its ends, so a lost reading does not
     * break the trend, but a history shorter than the window never makes one.
     */
    public Rise rise(long windowMs, double minRate, double floorC, double minRatio) {
        int n = ts.length;
        if (n < 2 || newestC() < floorC) {
            return null;
        }
        long now = newestTs();
        long third = windowMs / 3;
        int[] at = new int[4];
        for (int k = 0; k < 3; k++) {
            at[k] = atOrBefore(now - windowMs + k * third);
            if (at[k] < 0) {
                return null;
            }
        }
        at[3] = n - 1;
        if (ts[at[0]] < now - windowMs - third) {
            return null;
        }
        double[] rates = new double[3];
        for (int k = 0; k < 3; k++) {
            if (ts[at[k + 1]] <= ts[at[k]]) {
                return null;
            }
            rates[k] = ratePerMin(at[k], at[k + 1]);
            if (rates[k] < minRate) {
                return null;
            }
        }
        if (rates[2] < minRatio * rates[0]) {
            return null;
        }
        return new Rise(ratePerMin(at[0], n - 1), ts[at[0]], tempC[at[0]], now, newestC());
    }

    private double ratePerMin(int from, int to) {
        return (tempC[to] - tempC[from]) * 60_000.0 / (ts[to] - ts[from]);
    }

    private int atOrBefore(long t) {
        for (int i = ts.length - 1; i >= 0; i--) {
            if (ts[i] <= t) {
                return i;
            }
        }
        return -1;
    }
}
