package io.anju.sim.firmware;

import io.anju.common.model.DeviceType;
import io.anju.sim.payload.Payloads;

import java.util.function.UnaryOperator;

/**
 * {@link FirmwareFlaw#WRONG_UNITS}: readings scaled into the wrong unit under the documented field name. The JSON stays
 * schema-valid, so only a plausibility check (a 228,400 V mains) can tell.
 */
final class WrongUnits {
    static final int MILLI = 1_000;
    static final int TENTHS = 10;

    private WrongUnits() {
    }

    /** The rewrite for a device type; types whose payloads carry no unit to get wrong are refused. */
    static UnaryOperator<Object> forType(DeviceType type) {
        return switch (type) {
            case CHARGER -> WrongUnits::charger;
            case CROWD -> WrongUnits::crowd;
            default -> throw new IllegalArgumentException("--flaw wrong_units: a " + type.wireName()
                    + " reports no readings with units (chargers and crowd counters do)");
        };
    }

    /** Volts in millivolts, °C in tenths of a degree. */
    static Object charger(Object payload) {
        if (!(payload instanceof Payloads.ChargerTelemetry t)) {
            return payload;
        }
        return new Payloads.ChargerTelemetry(t.ts(), t.seq(), scaled(t.mainsV(), MILLI), scaled(t.ambientC(), TENTHS),
                t.smoke(), t.leakageMa(), t.ports().stream().map(p -> new Payloads.PortReading(p.no(), p.state(),
                        scaled(p.voltageV(), MILLI), p.currentA(), p.powerW(), p.energyWh(),
                        scaled(p.tempC(), TENTHS))).toList());
    }

    /** The interval in milliseconds. */
    static Object crowd(Object payload) {
        if (!(payload instanceof Payloads.CrowdTelemetry c)) {
            return payload;
        }
        return new Payloads.CrowdTelemetry(c.ts(), c.seq(), c.count(), c.inCount(), c.outCount(), c.intervalS() * MILLI);
    }

    /** Whole units of the smaller unit, as such firmware sends them (228.4 V → 228400). */
    private static double scaled(double value, int factor) {
        return Math.round(value * factor);
    }
}
