package io.anju.jobs.input;

/** One port of a charger telemetry message. {@code state} is idle, charging, full or fault. */
public record PortReading(int no, String state, double voltageV, double currentA, double powerW, double energyWh,
                          double tempC) {
}
