package io.anju.cases.commands;

import java.time.Instant;

/**
 * What the time-series store says about a port's temperature: its newest reading, or why there is none to go by.
 *
 * @param celsius        the newest temperature (°C); null when unknown
 * @param at             the device time of that reading (a minute point's start)
 * @param unknownBecause why the temperature is unknown; null when known
 */
public record PortTemperature(Double celsius, Instant at, String unknownBecause) {

    static PortTemperature known(double celsius, Instant at) {
        return new PortTemperature(celsius, at, null);
    }

    static PortTemperature unknown(String because) {
        return new PortTemperature(null, null, because);
    }

    public boolean isKnown() {
        return celsius != null;
    }
}
