package io.anju.jobs.command;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * Which red alerts may cut a charger port off without a person deciding: by alert type for every compound
 * ({@code defaultTypes}, default: red fire risk only), overridden per compound ({@code perCompound}: compound id →
 * the types allowed there, possibly none). Only alerts that recommend {@code stop_port} and name a port qualify.
 */
public record AutoStopPolicy(Set<AlertType> defaultTypes, Map<String, Set<AlertType>> perCompound)
        implements Serializable {
    /** The types a red alert of which stops a port automatically, unless a compound says otherwise. */
    public static final Set<AlertType> DEFAULT_TYPES = Set.of(AlertType.FIRE_RISK);
    public static final Set<AlertType> ELIGIBLE = Set.of(AlertType.FIRE_RISK, AlertType.PORT_OVERLOAD);

    public AutoStopPolicy {
        defaultTypes = Set.copyOf(defaultTypes);
        perCompound = Map.copyOf(perCompound);
        for (AlertType t : defaultTypes) {
            requireEligible("autoStop.types", t);
        }
        perCompound.forEach((compound, types) -> types.forEach(t -> requireEligible("autoStop.compounds " + compound, t)));
    }

    public static AutoStopPolicy defaults() {
        return new AutoStopPolicy(DEFAULT_TYPES, Map.of());
    }

    public boolean stopsPortFor(Alert alert) {
        if (alert.severity() != Severity.RED || !"stop_port".equals(alert.recommendedAction())
                || alert.port() == null || alert.deviceId() == null || !alert.open()) {
            return false;
        }
        String compound = alert.location() == null ? null : alert.location().compoundId();
        Set<AlertType> allowed = compound == null ? defaultTypes : perCompound.getOrDefault(compound, defaultTypes);
        return allowed.contains(alert.type());
    }

    private static void requireEligible(String setting, AlertType t) {
        if (!ELIGIBLE.contains(t)) {
            throw new IllegalArgumentException(setting + ": " + t.wireName()
                    + " cannot stop a port automatically (allowed: fire_risk, port_overload)");
        }
    }
}
