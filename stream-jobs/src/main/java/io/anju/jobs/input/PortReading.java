package io.anju.jobs.input;

import java.util.List;

/** One port of a charger telemetry message. {@code state} is one of {@link #STATES} (others are kept as sent). */
public record PortReading(int no, String state, double voltageV, double currentA, double powerW, double energyWh,
                          double tempC) {
    /** The port states of the device protocol; their order is their code on the wire between operators. */
    public static final List<String> STATES = List.of("idle", "charging", "full", "fault");
}
