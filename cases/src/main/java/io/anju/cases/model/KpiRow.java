package io.anju.cases.model;

/**
 * The grid-management KPIs of one unit. Rates are 0–1 and null when there is nothing to rate.
 *
 * @param unit                 grid, community, sub-district id or department code
 * @param filed                cases filed in the window
 * @param dispatched           of those, dispatched
 * @param onTimeDispatchRate   dispatched within the category's dispatch limit / dispatched
 * @param closed               closed or evaluated
 * @param onTimeClosureRate    closed by the deadline / closed
 * @param voided               voided as filed in error
 * @param accurateFilingRate   1 − voided / filed
 * @param meanHandlingMinutes  mean of dispatch → close
 * @param p90HandlingMinutes   90th percentile of dispatch → close
 * @param overdueOpen          open cases past their deadline now
 */
public record KpiRow(String unit, long filed, long dispatched, Double onTimeDispatchRate, long closed,
                     Double onTimeClosureRate, long voided, Double accurateFilingRate, Double meanHandlingMinutes,
                     Double p90HandlingMinutes, long overdueOpen) {
}
