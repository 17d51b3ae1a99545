package io.anju.cases.store;

import io.anju.common.alert.Evidence;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CaseDraftTest {

    @Test
    void evidenceKeepsTheNewestPiecesOnly() {
        CaseDraft d = new CaseDraft();
        d.appendEvidence(readings(0, 40), 50);
        d.appendEvidence(readings(40, 30), 50);
        assertThat(d.evidence).hasSize(50);
        assertThat(d.evidence.get(0).ts()).isEqualTo(20);
        assertThat(d.evidence.get(49).ts()).isEqualTo(69);
        d.appendEvidence(null, 50);
        assertThat(d.evidence).hasSize(50);
    }

    @Test
    void caseNumbersCarryTheDateInXian() {
        assertThat(CaseNumbers.format(Instant.parse("2026-11-29T16:30:00Z"), 42)).isEqualTo("LH-20261130-000042");
        assertThat(CaseNumbers.format(Instant.parse("2026-11-29T15:59:59Z"), 1_000_007)).isEqualTo("LH-20261129-000007");
    }

    private static List<Evidence> readings(int from, int n) {
        return IntStream.range(from, from + n).mapToObj(i -> Evidence.reading(i, "ch-001", "powerW", 900 + i, "W")).toList();
    }
}
