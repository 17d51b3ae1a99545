package io.anju.jobs.history;

import io.anju.common.model.LocationChain;
import io.anju.jobs.input.PortReading;

import java.util.Arrays;

/**
 * One station's ports in one event-time minute, summed up reading by reading: the accumulator of
 * {@link ChargerHistory}, a few numbers per port instead of the readings. A Flink POJO whose arrays are primitive (or
 * {@code String[]}), so keyed state needs no Kryo. Index {@code i} of every array is the port {@code ports[i]}, in the
 * order the ports first reported in the minute.
 */
public class PortMinute {
    public String deviceId;
    public LocationChain location;
    /** The minute's start, Unix ms: the timestamp of its points. */
    public long start;
    public int[] ports = new int[0];
    public int[] readings = new int[0];
    public double[] powerMin = new double[0];
    public double[] powerSum = new double[0];
    public double[] powerMax = new double[0];
    public double[] tempMin = new double[0];
    public double[] tempSum = new double[0];
    public double[] tempMax = new double[0];
    public double[] currentMax = new double[0];
    /** Energy and state of each port's latest reading by device time (not by arrival). */
    public double[] energyLast = new double[0];
    public String[] stateLast = new String[0];
    public long[] lastTs = new long[0];

    public PortMinute() {
    }

    public static PortMinute of(String deviceId, LocationChain location, long start) {
        PortMinute m = new PortMinute();
        m.deviceId = deviceId;
        m.location = location;
        m.start = start;
        return m;
    }

    /** Counts one port reading taken at {@code ts} (device time, within this minute). */
    public void add(long ts, PortReading r) {
        int i = indexOf(r.no());
        if (i < 0) {
            i = grow(r.no());
            powerMin[i] = r.powerW();
            powerMax[i] = r.powerW();
            tempMin[i] = r.tempC();
            tempMax[i] = r.tempC();
            currentMax[i] = r.currentA();
        } else {
            powerMin[i] = Math.min(powerMin[i], r.powerW());
            powerMax[i] = Math.max(powerMax[i], r.powerW());
            tempMin[i] = Math.min(tempMin[i], r.tempC());
            tempMax[i] = Math.max(tempMax[i], r.tempC());
            currentMax[i] = Math.max(currentMax[i], r.currentA());
        }
        readings[i]++;
        powerSum[i] += r.powerW();
        tempSum[i] += r.tempC();
        if (readings[i] == 1 || ts >= lastTs[i]) {
            energyLast[i] = r.energyWh();
            stateLast[i] = r.state();
            lastTs[i] = ts;
        }
    }

    /** The newest location wins: a station moved in the registry is charted where it is now. */
    public void at(LocationChain latest) {
        if (latest != null) {
            location = latest;
        }
    }

    private int indexOf(int port) {
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] == port) {
                return i;
            }
        }
        return -1;
    }

    private int grow(int port) {
        int n = ports.length + 1;
        ports = Arrays.copyOf(ports, n);
        readings = Arrays.copyOf(readings, n);
        powerMin = Arrays.copyOf(powerMin, n);
        powerSum = Arrays.copyOf(powerSum, n);
        powerMax = Arrays.copyOf(powerMax, n);
        tempMin = Arrays.copyOf(tempMin, n);
        tempSum = Arrays.copyOf(tempSum, n);
        tempMax = Arrays.copyOf(tempMax, n);
        currentMax = Arrays.copyOf(currentMax, n);
        energyLast = Arrays.copyOf(energyLast, n);
        stateLast = Arrays.copyOf(stateLast, n);
        lastTs = Arrays.copyOf(lastTs, n);
        ports[n - 1] = port;
        return n - 1;
    }
}
