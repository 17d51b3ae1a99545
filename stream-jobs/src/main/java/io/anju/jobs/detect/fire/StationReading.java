package io.anju.jobs.detect.fire;

import io.anju.jobs.input.ChargerTelemetry;

import java.util.ArrayList;
import java.util.List;

/**
 * The fire-relevant figures of one charger telemetry, so that the reading crosses the network as one
 * {@link FireSignal} instead of one per port plus smoke and leakage. Primitive arrays keep it a Flink POJO.
 *
 * @param ports     the port numbers, in the telemetry's order
 * @param tempsC    the port temperatures, °C, index for index with {@code ports}
 * @param smoke     the station's smoke flag
 * @param leakageMa the station's residual current, mA
 */
public record StationReading(int[] ports, double[] tempsC, boolean smoke, double leakageMa) {

    public StationReading {
        if (ports.length != tempsC.length) {
            throw new IllegalArgumentException("ports and tempsC differ in length (" + ports.length + " vs "
                    + tempsC.length + ")");
        }
    }

    static StationReading of(ChargerTelemetry t) {
        int n = t.ports().size();
        int[] ports = new int[n];
        double[] temps = new double[n];
        for (int i = 0; i < n; i++) {
            ports[i] = t.ports().get(i).no();
            temps[i] = t.ports().get(i).tempC();
        }
        return new StationReading(ports, temps, t.smoke(), t.leakageMa());
    }

    /**
     * The single readings of {@code carrier}, in the order the detector applies them: every port temperature, then
     * the smoke flag, then the leakage (smoke first makes leakage its evidence).
     */
    List<FireSignal> signals(FireSignal carrier) {
        List<FireSignal> out = new ArrayList<>(ports.length + 2);
        for (int i = 0; i < ports.length; i++) {
            out.add(single(carrier, FireSignal.Kind.PORT_TEMP, ports[i], tempsC[i]));
        }
        out.add(single(carrier, FireSignal.Kind.SMOKE, null, smoke ? 1 : 0));
        out.add(single(carrier, FireSignal.Kind.LEAKAGE, null, leakageMa));
        return out;
    }

    private static FireSignal single(FireSignal carrier, FireSignal.Kind kind, Integer port, double value) {
        return new FireSignal(carrier.compoundId(), carrier.deviceId(), carrier.ts(), kind, port, value, null, null,
                null, carrier.location(), null);
    }
}
