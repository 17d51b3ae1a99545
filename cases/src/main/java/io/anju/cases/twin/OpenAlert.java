package io.anju.cases.twin;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * An open case of a device, as its twin lists it.
 *
 * @param caseId    the case's id in the case API
 * @param caseNo    its number
 * @param alertType the alert type that opened it (null for a case a person reported)
 * @param category  its case category
 * @param severity  its severity ({@code red}, {@code orange}, …)
 * @param state     where it stands ({@code collected}, {@code dispatched}, …)
 * @param port      the charger port it is about, if one
 * @param openedAt  when the case was opened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenAlert(long caseId, String caseNo, String alertType, String category, String severity, String state,
                        Integer port, Instant openedAt) {
}
