package io.anju.cases.model;

import java.util.List;

/** A case with its full audited history, oldest first. */
public record CaseDetail(CaseRecord caseRecord, List<CaseEvent> history) {
}
