package io.anju.cases.notify;

import java.time.Instant;

/**
 * One queued delivery as the dispatcher hands it to a channel.
 *
 * @param id             outbox row id
 * @param channel        the channel's name
 * @param idempotencyKey the same for every attempt of this delivery: receivers drop repeats by it
 * @param caseId         the case
 * @param eventSeq       the audit entry's seq (the SSE event id)
 * @param kind           the notice kind ({@code opened}, {@code reminder}, ...)
 * @param payload        the {@link CaseNotice} as JSON text
 * @param createdAt      when the change was committed (queued)
 * @param attempts       attempts made before this one
 */
public record OutboxRow(long id, String channel, String idempotencyKey, long caseId, long eventSeq, String kind,
                        String payload, Instant createdAt, int attempts) {

    /** The number of this attempt, 1 for the first. */
    public int attempt() {
        return attempts + 1;
    }
}
