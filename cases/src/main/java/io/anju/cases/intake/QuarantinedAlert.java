package io.anju.cases.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the intake writes to {@code anju.quarantine} for a record of {@code anju.alerts} it cannot apply, in the
 * gateway's quarantine shape (reason, receive time, size, payload as text or Base64, cut to a bound) plus where the
 * record came from, so it can be found and replayed.
 *
 * @param source        who quarantined it: {@code cases-intake}
 * @param topic         the topic it was read from
 * @param partition     its partition
 * @param offset        its offset
 * @param key           its key (the dedup key for well-formed alerts), when UTF-8
 * @param code          the reason as a stable code ({@link DecodedAlert.Invalid#code})
 * @param reason        what was wrong
 * @param receivedAt    when the intake read it, Unix ms
 * @param size          the value's size in bytes
 * @param truncated     whether the payload below was cut
 * @param payloadText   the value as text, when it is UTF-8
 * @param payloadBase64 the value in Base64, when it is not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuarantinedAlert(String source, String topic, int partition, long offset, String key, String code,
                               String reason, long receivedAt, int size, boolean truncated, String payloadText,
                               String payloadBase64) {

    public static final String SOURCE = "cases-intake";
}
