package io.anju.jobs.detect.fire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A compound's escalations over event time, and how few of them are kept. */
class EscalationSpansTest extends FireFixtures {
    private static final long KEEP = minutes(10) - BEGINNING;

    @Test
    void eachChangeHoldsUntilTheNext_inTheOrderOfTheirTimes() {
        EscalationSpans spans = EscalationSpans.adding(null, elevatorEscalation(seconds(100)), KEEP);
        spans = EscalationSpans.adding(spans, escalationEnded(seconds(300)), KEEP);
        // One out of order still goes in its place.
        spans = EscalationSpans.adding(spans, new Escalation(COMPOUND, seconds(200), BUILDING + ", cp-0042/bldg-5"),
                KEEP);

        assertThat(spans.reasonAt(seconds(99))).isNull();
        assertThat(spans.reasonAt(seconds(100))).endsWith("of " + BUILDING);
        assertThat(spans.reasonAt(seconds(250))).endsWith("of " + BUILDING + ", cp-0042/bldg-5");
        assertThat(spans.reasonAt(seconds(300))).isNull();
        assertThat(spans.changeAfter(seconds(100))).isEqualTo(seconds(200));
        assertThat(spans.changeAfter(seconds(300))).isEqualTo(StationState.NONE);
        assertThat(spans.changesAt(seconds(200))).isTrue();
        assertThat(spans.changesAt(seconds(201))).isFalse();
    }

    @Test
    void keepsOnlyWhatIsInForceWithinTheHorizonOfTheNewestChange() {
        EscalationSpans spans = EscalationSpans.adding(null, elevatorEscalation(seconds(0)), KEEP);
        spans = EscalationSpans.adding(spans, escalationEnded(seconds(60)), KEEP);
        spans = EscalationSpans.adding(spans, elevatorEscalation(seconds(120)), KEEP);
        assertThat(spans.changes).hasSize(3);

        spans = EscalationSpans.adding(spans, escalationEnded(seconds(120) + KEEP + 1), KEEP);
        assertThat(spans.changes).extracting(Escalation::ts).containsExactly(seconds(120), seconds(120) + KEEP + 1);
        assertThat(EscalationSpans.adding(spans, escalationEnded(seconds(120) + 3 * KEEP), KEEP).isEmpty())
                .as("nothing escalated within the horizon: nothing kept").isTrue();
    }
}
