package io.anju.jobs.detect.fire;

/**
 * The recent temperature history of one charger port, oldest to newest, as a Flink POJO (public fields, no-arg
 * constructor) so that keyed state can store it without Kryo. A ring buffer changed in place: a reading comes every
 * 30–90 s and stays for minutes, so a copy per reading was garbage that lived long enough to make every young
 * collection copy it. In place is safe in keyed state: the heap backend hands out a copy while a snapshot holds the
 * stored one, and the tracker stores the track again after each change.
 * <p>
 * Its size is bounded by time, not by how often a port reports: while the newest reading is less than a minimum
 * spacing after the one before it, the next reading replaces it, so the readings held are at least that spacing
 * apart (all but the newest), at most {@code keep / spacing + 2} of them, and the newest is always among them. A port
 * that reports every second (a faulty or misconfigured charger, or a load test) costs as much memory as one that
 * reports every spacing, instead of growing its buffer a hundredfold.
 */
public class PortTrack {
    private static final int INITIAL_CAPACITY = 8;

    /** Reading times, {@code size} of them from index {@code start} on, wrapping around. */
    public long[] ts = new long[INITIAL_CAPACITY];
    /** Temperatures, index for index with {@link #ts}. */
    public double[] tempC = new double[INITIAL_CAPACITY];
    public int start;
    public int size;

    public PortTrack() {
    }

    /** A sustained rise: its rate over the whole window and the readings it spans. */
    public record Rise(double ratePerMin, long fromTs, double fromC, long toTs, double toC) {
    }

    /**
     * Appends a reading and forgets those older than {@code keepMs} before it; false (and no change) when the
     * reading is not newer than the newest one, so a stale reading cannot move the history backwards. While the newest
     * is less than {@code spacingMs} after the one before it, the reading replaces the newest instead of adding one.
     */
    public boolean add(long readingTs, double readingC, long keepMs, long spacingMs) {
        if (size > 0 && readingTs <= newestTs()) {
            return false;
        }
        while (size > 0 && tsAt(0) < readingTs - keepMs) {
            start = (start + 1) % ts.length;
            size--;
        }
        if (size >= 2 && newestTs() - tsAt(size - 2) < spacingMs) {
            size--;
        } else if (size == ts.length) {
            grow();
        }
        int at = (start + size) % ts.length;
        ts[at] = readingTs;
        tempC[at] = readingC;
        size++;
        return true;
    }

    private void grow() {
        long[] nextTs = new long[ts.length * 2];
        double[] nextC = new double[ts.length * 2];
        for (int i = 0; i < size; i++) {
            nextTs[i] = tsAt(i);
            nextC[i] = cAt(i);
        }
        ts = nextTs;
        tempC = nextC;
        start = 0;
    }

    public boolean empty() {
        return size == 0;
    }

    public long newestTs() {
        return tsAt(size - 1);
    }

    public double newestC() {
        return cAt(size - 1);
    }

    /** The times held, oldest first. */
    public long[] times() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = tsAt(i);
        }
        return out;
    }

    private long tsAt(int i) {
        return ts[(start + i) % ts.length];
    }

    private double cAt(int i) {
        return tempC[(start + i) % tempC.length];
    }

    /**
     * The rise of the last {@code windowMs} when each third of it rises at least {@code minRate} °C/min, the port is
     * at least {@code floorC} warm and the last third is not slower than {@code minRatio} × the first third; else
     * null. Each third is measured between the readings at or just before its ends, so a lost reading does not
     * break the trend, but a history shorter than the window never makes one.
     */
    public Rise rise(long windowMs, double minRate, double floorC, double minRatio) {
        int n = size;
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
        if (tsAt(at[0]) < now - windowMs - third) {
            return null;
        }
        double[] rates = new double[3];
        for (int k = 0; k < 3; k++) {
            if (tsAt(at[k + 1]) <= tsAt(at[k])) {
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
        return new Rise(ratePerMin(at[0], n - 1), tsAt(at[0]), cAt(at[0]), now, newestC());
    }

    private double ratePerMin(int from, int to) {
        return (cAt(to) - cAt(from)) * 60_000.0 / (tsAt(to) - tsAt(from));
    }

    private int atOrBefore(long t) {
        for (int i = size - 1; i >= 0; i--) {
            if (tsAt(i) <= t) {
                return i;
            }
        }
        return -1;
    }
}
