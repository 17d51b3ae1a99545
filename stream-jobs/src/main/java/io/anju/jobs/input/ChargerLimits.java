package io.anju.jobs.input;

import io.anju.common.model.ChargerSpec;

/**
 * A station's limits from the registry, attached to its readings by the enrichment step so that a registry change
 * reaches the detectors without a restart.
 */
public record ChargerLimits(int ports, int portLimitW, int stationRefuseW, int stationLimitW) {
    /** The vendor defaults of domain.md, for a charger the registry does not (yet) describe. */
    public static final ChargerLimits DEFAULTS = new ChargerLimits(12, 1_000, 7_800, 8_700);

    public static ChargerLimits of(ChargerSpec spec) {
        return spec == null ? DEFAULTS
                : new ChargerLimits(spec.ports(), spec.portLimitW(), spec.stationRefuseW(), spec.stationLimitW());
    }
}
