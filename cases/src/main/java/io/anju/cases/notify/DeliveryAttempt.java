package io.anju.cases.notify;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One attempt to deliver a notice on one channel, as {@code GET /api/v1/cases/{id}/deliveries} lists it.
 *
 * @param outboxId   the queued delivery
 * @param channel    {@code wecom}, {@code dingtalk}, {@code sms}, {@code webhook}, {@code sse}, {@code export}
 * @param eventSeq   the audit entry the notice announces
 * @param kind       the notice kind
 * @param attempt    1 for the first
 * @param at         when the attempt started
 * @param outcome    {@code delivered}, {@code retry} (failed, tried again later) or {@code failed} (given up)
 * @param httpStatus the receiver's HTTP status; null when it did not answer or the channel is not HTTP
 * @param error      why it failed; null when delivered
 * @param durationMs how long the attempt took
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryAttempt(long outboxId, String channel, long eventSeq, String kind, int attempt, Instant at,
                              String outcome, Integer httpStatus, String error, int durationMs) {
}
