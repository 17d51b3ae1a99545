package io.anju.cases.lifecycle;

import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.ResponseLevel;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.anju.cases.model.CaseState.*;

/**
 * The nine-step loop as a transition table: for each action, the states it may start from and the state it leads to.
 * Who may take an action is not decided here but in {@code AccessPolicy}; this class only knows the order of steps.
 */
public final class Lifecycle {

    private record Step(Set<CaseState> from, CaseState to) {
    }

    private static final Map<CaseAction, Step> STEPS = new EnumMap<>(CaseAction.class);

    static {
        STEPS.put(CaseAction.VERIFY, new Step(EnumSet.of(COLLECTED), VERIFIED));
        STEPS.put(CaseAction.ANALYSE, new Step(EnumSet.of(VERIFIED), ANALYSED));
        STEPS.put(CaseAction.DISPATCH, new Step(EnumSet.of(ANALYSED), DISPATCHED));
        STEPS.put(CaseAction.START, new Step(EnumSet.of(DISPATCHED), IN_HANDLING));
        // Pulling in a further department while already coordinating stays in coordination.
        STEPS.put(CaseAction.COORDINATE, new Step(EnumSet.of(IN_HANDLING, COORDINATING), COORDINATING));
        STEPS.put(CaseAction.SUBMIT_FEEDBACK, new Step(EnumSet.of(IN_HANDLING, COORDINATING), FEEDBACK_SUBMITTED));
        STEPS.put(CaseAction.REWORK, new Step(EnumSet.of(FEEDBACK_SUBMITTED), IN_HANDLING));
        STEPS.put(CaseAction.CLOSE, new Step(EnumSet.of(FEEDBACK_SUBMITTED), CLOSED));
        STEPS.put(CaseAction.EVALUATE, new Step(EnumSet.of(CLOSED), EVALUATED));
        STEPS.put(CaseAction.VOID, new Step(EnumSet.of(WATCHING, COLLECTED, VERIFIED, ANALYSED), VOIDED));
        // A watch item waits for nothing; a person who judges it needs action makes it a case.
        STEPS.put(CaseAction.PROMOTE, new Step(EnumSet.of(WATCHING), COLLECTED));
    }

    private Lifecycle() {
    }

    /** The state {@code action} leads to from {@code current}, or a CONFLICT naming the states it is allowed from. */
    public static CaseState next(CaseState current, CaseAction action) {
        Step step = STEPS.get(action);
        if (!step.from().contains(current)) {
            throw new CaseException(CaseException.Kind.CONFLICT, CaseException.Reason.STATE_FORBIDS_ACTION,
                    "cannot " + action.wireName() + " a case that is " + current.wireName() + "; allowed from "
                            + step.from().stream().map(CaseState::wireName).toList(), action, current);
        }
        return step.to();
    }

    /**
     * As {@link #next(CaseState, CaseAction)}, for a case that asks {@code response} of people: evaluation scores the
     * handling of a case, so a watch item that closed by itself, which nobody handled, is not evaluated.
     */
    public static CaseState next(CaseState current, ResponseLevel response, CaseAction action) {
        CaseState to = next(current, action);
        if (action == CaseAction.EVALUATE && response != ResponseLevel.CASE) {
            throw CaseException.conflict("cannot evaluate a " + response.wireName()
                    + " item: nobody was asked to handle it");
        }
        return to;
    }

    public static boolean allowed(CaseState current, CaseAction action) {
        return STEPS.get(action).from().contains(current);
    }

    /** Actions that are possible from {@code current}, whoever asks (the API lists them with a case). */
    public static Set<CaseAction> actionsFrom(CaseState current) {
        Set<CaseAction> actions = EnumSet.noneOf(CaseAction.class);
        STEPS.forEach((action, step) -> {
            if (step.from().contains(current)) {
                actions.add(action);
            }
        });
        return actions;
    }

    /** Actions possible from {@code current} for a case that asks {@code response} of people. */
    public static Set<CaseAction> actionsFrom(CaseState current, ResponseLevel response) {
        Set<CaseAction> actions = actionsFrom(current);
        if (response != ResponseLevel.CASE) {
            actions.remove(CaseAction.EVALUATE);
        }
        return actions;
    }

    /**
     * Where a cleared alert moves its case: the device says the condition is over, so the case waits for a person
     * to check and close it. Cases already past feedback stay where they are; a watch item, which nobody worked,
     * closes by itself ({@link #clearCloses}).
     */
    public static boolean clearMovesOn(CaseState current) {
        return current.open() && current != FEEDBACK_SUBMITTED && current != WATCHING;
    }

    /** A cleared alert closes a watch item without a person: nothing was asked of anyone. */
    public static boolean clearCloses(CaseState current) {
        return current == WATCHING;
    }
}
