package io.anju.cases.model;

import java.util.List;

/**
 * A request to move a case one step.
 *
 * @param action      what to do
 * @param note        why / what was found (required for void, rework and feedback)
 * @param attachments references to add to the audit entry
 * @param department  dispatch: overrides the routed department; coordinate: the department pulled in
 * @param assignee    dispatch or start: the person who works it
 * @param score       evaluate: 1–5
 */
public record TransitionRequest(CaseAction action, String note, List<String> attachments, String department,
                                String assignee, Integer score) {

    public static TransitionRequest of(CaseAction action, String note) {
        return new TransitionRequest(action, note, List.of(), null, null, null);
    }
}
