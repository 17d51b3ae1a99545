package io.anju.sim.truth;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.json.Json;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.testing.TinyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ground-truth file's lines as device-sim/README.md documents them. */
class GroundTruthWriterTest {

    @Test
    void faultsAndExpectedWarnings_areLinesOfTheirOwn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("truth.jsonl");
        long t0 = TinyRegistry.EVENING;
        try (GroundTruthWriter writer = new GroundTruthWriter(file)) {
            writer.append(new ExpectedWarning(AlertType.CROWD_DENSITY, "z-03", "z-03", Severity.BLUE, t0, t0 + 60_000));
            writer.append(GroundTruth.of(new FaultSpec(FaultKind.LEAKAGE, TinyRegistry.CHARGER, null, t0, t0 + 300_000,
                    40), TinyRegistry.charger(TinyRegistry.CHARGER)));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode warning = Json.mapper().readTree(lines.get(0));
        assertThat(fieldNames(warning)).containsExactly("warning", "sourceId", "zoneId", "severity", "fromTs", "toTs");
        assertThat(warning.get("warning").asText()).isEqualTo("crowd_density");
        assertThat(warning.get("severity").asText()).isEqualTo("blue");
        assertThat(warning.get("toTs").asLong()).isEqualTo(t0 + 60_000);
        assertThat(Json.mapper().readValue(lines.get(0), ExpectedWarning.class).zoneId()).isEqualTo("z-03");
        JsonNode fault = Json.mapper().readTree(lines.get(1));
        assertThat(fault.get("fault").asText()).isEqualTo("leakage");
        assertThat(fault.has("warning")).isFalse();
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
