package io.anju.common.charger;

/**
 * Charger figures of docs/detectors.md (domain.md, "E-bike chargers") that more than one part of the platform needs,
 * defined once: the stream jobs' fire-risk detector starts from them ({@code FireRiskSettings.defaults()}) and the case
 * service refuses to resume a port that is this hot or hotter. Operators may tune the detector's copy per deployment;
 * the case service's resume guard keeps this default.
 */
public final class ChargerThresholds {
    /** The vendors' over-temperature line of a port (°C): a port this hot or hotter is above its limit. */
    public static final double PORT_OVER_TEMP_C = 65.0;

    private ChargerThresholds() {
    }
}
