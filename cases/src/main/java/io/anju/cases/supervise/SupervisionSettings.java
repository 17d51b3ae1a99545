package io.anju.cases.supervise;

import io.anju.cases.model.DeadlineStage;
import io.anju.common.config.Require;

import java.time.Duration;

/**
 * How cases past a deadline are chased. Before dispatch (acknowledge and dispatch deadlines) nobody has taken the case
 * on yet, so it is chased at a much faster pace than a case that someone is handling.
 *
 * @param remindEvery      handling: reminders while a case is overdue, the first at the deadline, then one per span
 *                         (default PT15M)
 * @param escalateAfter    handling: each further span past the deadline escalates the case one level up the chain,
 *                         grid → community → sub-district → district (default PT30M)
 * @param ackRemindEvery   before dispatch: reminders per span past the acknowledge or dispatch deadline (default PT1M)
 * @param ackEscalateAfter before dispatch: escalation per span past the acknowledge or dispatch deadline (default PT2M)
 * @param interval         the longest wait between two supervision runs; the supervisor also wakes at the earliest
 *                         due step (default PT10S)
 * @param batch            at most this many due cases per run (default 200, 1–10000)
 */
public record SupervisionSettings(Duration remindEvery, Duration escalateAfter, Duration ackRemindEvery,
                                  Duration ackEscalateAfter, Duration interval, int batch) {

    public static final Duration DEFAULT_REMIND_EVERY = Duration.ofMinutes(15);
    public static final Duration DEFAULT_ESCALATE_AFTER = Duration.ofMinutes(30);
    public static final Duration DEFAULT_ACK_REMIND_EVERY = Duration.ofMinutes(1);
    public static final Duration DEFAULT_ACK_ESCALATE_AFTER = Duration.ofMinutes(2);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final int DEFAULT_BATCH = 200;

    /** The reminder and escalation spans of one stage. */
    public record Spans(Duration remindEvery, Duration escalateAfter) {
    }

    public SupervisionSettings {
        Require.positive("supervision.remindEvery", remindEvery);
        Require.positive("supervision.escalateAfter", escalateAfter);
        Require.positive("supervision.ackRemindEvery", ackRemindEvery);
        Require.positive("supervision.ackEscalateAfter", ackEscalateAfter);
        Require.positive("supervision.interval", interval);
        Require.between("supervision.batch", batch, 1, 10_000);
    }

    public static SupervisionSettings defaults() {
        return new SupervisionSettings(DEFAULT_REMIND_EVERY, DEFAULT_ESCALATE_AFTER, DEFAULT_ACK_REMIND_EVERY,
                DEFAULT_ACK_ESCALATE_AFTER, DEFAULT_INTERVAL, DEFAULT_BATCH);
    }

    public Spans spans(DeadlineStage stage) {
        return stage == DeadlineStage.HANDLE ? new Spans(remindEvery, escalateAfter)
                : new Spans(ackRemindEvery, ackEscalateAfter);
    }
}
