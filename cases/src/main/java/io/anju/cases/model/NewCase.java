package io.anju.cases.model;

import io.anju.common.alert.Severity;

import java.util.List;

/**
 * A case reported by hand: a grid worker's find or a resident's report entered by an operator.
 * The place is given by the most precise id known: a compound or zone (its grid is looked up) or a grid.
 */
public record NewCase(Origin origin, String title, String description, String categoryCode, Severity severity,
                      String gridId, String compoundId, String zoneId, List<String> attachments) {
}
