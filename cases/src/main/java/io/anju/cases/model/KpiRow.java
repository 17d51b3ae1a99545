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
 * @param acknowledged         cases a person acknowledged (verified, or voided) from collected
 * @param onTimeAcknowledgeRate acknowledged by the acknowledge deadline / acknowledged
 * @param meanAcknowledgeSeconds mean of filing → acknowledgement
 * @param p90AcknowledgeSeconds 90th percentile of filing → acknowledgement
 * @param meanDispatchSeconds  mean of filing → dispatch
 * @param p90DispatchSeconds   90th percentile of filing → dispatch
 */
public record KpiRow(String unit, long filed, long dispatched, Double onTimeDispatchRate, long closed,
                     Double onTimeClosureRate, long voided, Double accurateFilingRate, Double meanHandlingMinutes,
                     Double p90HandlingMinutes, long overdueOpen, long acknowledged, Double onTimeAcknowledgeRate,
                     Double meanAcknowledgeSeconds, Double p90AcknowledgeSeconds, Double meanDispatchSeconds,
                     Double p90DispatchSeconds) {
}
