package io.anju.cases.lifecycle;

import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.ResponseLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.anju.cases.model.CaseAction.*;
import static io.anju.cases.model.CaseState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleTest {
    /** The nine-step loop as the issue states it: action -> (allowed from, leads to). */
    private static final Map<CaseAction, Map.Entry<Set<CaseState>, CaseState>> LOOP = Map.ofEntries(Map.entry(
            PROMOTE, Map.entry(EnumSet.of(WATCHING), COLLECTED)), Map.entry(
            VERIFY, Map.entry(EnumSet.of(COLLECTED), VERIFIED)), Map.entry(
            ANALYSE, Map.entry(EnumSet.of(VERIFIED), ANALYSED)), Map.entry(
            DISPATCH, Map.entry(EnumSet.of(ANALYSED), DISPATCHED)), Map.entry(
            START, Map.entry(EnumSet.of(DISPATCHED), IN_HANDLING)), Map.entry(
            COORDINATE, Map.entry(EnumSet.of(IN_HANDLING, COORDINATING), COORDINATING)), Map.entry(
            SUBMIT_FEEDBACK, Map.entry(EnumSet.of(IN_HANDLING, COORDINATING), FEEDBACK_SUBMITTED)), Map.entry(
            REWORK, Map.entry(EnumSet.of(FEEDBACK_SUBMITTED), IN_HANDLING)), Map.entry(
            CLOSE, Map.entry(EnumSet.of(FEEDBACK_SUBMITTED), CLOSED)), Map.entry(
            EVALUATE, Map.entry(EnumSet.of(CLOSED), EVALUATED)), Map.entry(
            VOID, Map.entry(EnumSet.of(WATCHING, COLLECTED, VERIFIED, ANALYSED), VOIDED)));

    static Stream<Arguments> everyStateAndAction() {
        return Stream.of(CaseState.values()).flatMap(s -> Stream.of(CaseAction.values()).map(a -> Arguments.of(s, a)));
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("everyStateAndAction")
    void legalStepsLeadOnAndIllegalOnesAreRefusedNamingTheAllowedStates(CaseState from, CaseAction action) {
        var rule = LOOP.get(action);
        if (rule.getKey().contains(from)) {
            assertThat(Lifecycle.next(from, action)).isEqualTo(rule.getValue());
            assertThat(Lifecycle.allowed(from, action)).isTrue();
        } else {
            assertThat(Lifecycle.allowed(from, action)).isFalse();
            assertThatThrownBy(() -> Lifecycle.next(from, action))
                    .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.kind()).isEqualTo(CaseException.Kind.CONFLICT))
                    .hasMessageContaining("cannot " + action.wireName() + " a case that is " + from.wireName())
                    .hasMessageContaining(rule.getKey().stream().map(CaseState::wireName).toList().toString());
        }
    }

    @Test
    void theFullLoopWalksFromCollectionToEvaluation() {
        CaseState s = COLLECTED;
        for (CaseAction a : new CaseAction[] {VERIFY, ANALYSE, DISPATCH, START, COORDINATE, SUBMIT_FEEDBACK, REWORK,
                SUBMIT_FEEDBACK, CLOSE, EVALUATE}) {
            s = Lifecycle.next(s, a);
        }
        assertThat(s).isEqualTo(EVALUATED);
    }

    @Test
    void endedCasesOfferNoActionAndAClearedAlertMovesOnlyOpenCasesBeforeFeedback() {
        assertThat(Lifecycle.actionsFrom(EVALUATED)).isEmpty();
        assertThat(Lifecycle.actionsFrom(VOIDED)).isEmpty();
        assertThat(Lifecycle.actionsFrom(CLOSED)).containsExactly(EVALUATE);
        assertThat(Lifecycle.actionsFrom(IN_HANDLING)).containsExactlyInAnyOrder(COORDINATE, SUBMIT_FEEDBACK);
        assertThat(Lifecycle.clearMovesOn(DISPATCHED)).isTrue();
        assertThat(Lifecycle.clearMovesOn(COLLECTED)).isTrue();
        assertThat(Lifecycle.clearMovesOn(FEEDBACK_SUBMITTED)).isFalse();
        assertThat(Lifecycle.clearMovesOn(CLOSED)).isFalse();
    }

    @Test
    void aWatchItemIsPromotedOrVoidedAndClosesOnItsClearWhileANoticeOffersNothing() {
        assertThat(Lifecycle.actionsFrom(WATCHING)).containsExactlyInAnyOrder(PROMOTE, VOID);
        assertThat(Lifecycle.actionsFrom(NOTICED)).isEmpty();
        assertThat(WATCHING.open()).as("a watch item holds its dedup key").isTrue();
        assertThat(NOTICED.open()).isFalse();
        assertThat(WATCHING.underDeadline()).isFalse();
        assertThat(Lifecycle.clearMovesOn(WATCHING)).isFalse();
        assertThat(Lifecycle.clearCloses(WATCHING)).isTrue();
        assertThat(Lifecycle.clearCloses(COLLECTED)).isFalse();
        assertThat(CaseState.ENDED_SQL).isEqualTo("('closed', 'evaluated', 'voided', 'noticed')");
    }

    @Test
    void onlyACaseIsEvaluated_aWatchItemThatClosedByItselfWasNeverHandled() {
        assertThat(Lifecycle.actionsFrom(CLOSED, ResponseLevel.CASE)).containsExactly(EVALUATE);
        assertThat(Lifecycle.actionsFrom(CLOSED, ResponseLevel.WATCH)).isEmpty();
        assertThat(Lifecycle.actionsFrom(WATCHING, ResponseLevel.WATCH)).containsExactlyInAnyOrder(PROMOTE, VOID);
        assertThat(Lifecycle.next(CLOSED, ResponseLevel.CASE, EVALUATE)).isEqualTo(EVALUATED);
        assertThatThrownBy(() -> Lifecycle.next(CLOSED, ResponseLevel.WATCH, EVALUATE))
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.kind()).isEqualTo(CaseException.Kind.CONFLICT))
                .hasMessage("cannot evaluate a watch item: nobody was asked to handle it");
    }
}
