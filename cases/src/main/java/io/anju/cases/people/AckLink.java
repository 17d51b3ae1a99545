package io.anju.cases.people;

import java.time.Instant;

/**
 * What a signed acknowledge link stands for: {@code contact} may acknowledge case {@code caseId}, announced by the
 * notice of audit entry {@code eventSeq}, until {@code expires}.
 */
public record AckLink(long caseId, long eventSeq, String contact, Instant expires) {
}
