package io.anju.cases.model;

import java.time.Instant;

/** KPIs of the cases filed in [from, to), one row per unit of the chosen level. */
public record KpiQuery(KpiGroup groupBy, Instant from, Instant to) {

    /** The units KPIs are reported for. */
    public enum KpiGroup { GRID, COMMUNITY, SUB_DISTRICT, DEPARTMENT }
}
