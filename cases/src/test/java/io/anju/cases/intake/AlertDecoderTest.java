package io.anju.cases.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.cases.json.CasesJson;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.Severity;
import io.anju.common.json.Json;
import io.anju.common.model.LocationChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AlertDecoderTest {
    private final AlertDecoder decoder = new AlertDecoder();
    private final Alert alert = TestAlerts.portOverload("chg-1", new LocationChain("s1", "c1", "g1", "p1", null),
            1_779_999_990_000L, 2, AlertStatus.UPDATED, Severity.ORANGE,
            1_780_000_000_000L);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode tree() {
        return CasesJson.mapper().valueToTree(alert);
    }

    @Test
    void anAlertAsTheStreamJobWritesItDecodesToTheSameAlert() {
        DecodedAlert d = decoder.decode(Json.toBytes(alert));

        assertThat(d).isEqualTo(new DecodedAlert.Valid(alert));
    }

    @Test
    void fieldsTheIntakeDoesNotKnowAreIgnored() {
        ObjectNode t = tree().put("addedInALaterVersion", 1);

        assertThat(decoder.decode(Json.toBytes(t))).isEqualTo(new DecodedAlert.Valid(alert));
    }

    @Test
    void anEmptyRecordIsRefused() {
        assertThat(decoder.decode(new byte[0])).isEqualTo(new DecodedAlert.Invalid("empty", "empty record value"));
        assertThat(decoder.decode(null)).isInstanceOf(DecodedAlert.Invalid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\": ", "not json at all", "{\"id\": \"a\",, }"})
    void brokenJsonIsRefusedAsMalformed(String text) {
        DecodedAlert d = decoder.decode(utf8(text));

        assertThat(d).isInstanceOf(DecodedAlert.Invalid.class);
        assertThat(((DecodedAlert.Invalid) d).code()).isEqualTo("malformed_json");
        assertThat(((DecodedAlert.Invalid) d).reason()).startsWith("not JSON: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "dedupKey", "type", "severity", "status"})
    void anAlertWithoutAFieldTheCaseNeedsIsRefusedNamingIt(String field) {
        ObjectNode t = tree();
        t.remove(field);

        assertThat(decoder.decode(Json.toBytes(t)))
                .isEqualTo(new DecodedAlert.Invalid("missing_field", "alert without " + field));
    }

    @Test
    void aBlankIdCountsAsMissing() {
        assertThat(decoder.decode(Json.toBytes(tree().put("id", " "))))
                .isEqualTo(new DecodedAlert.Invalid("missing_field", "alert without id"));
    }

    @Test
    void anUnknownTypeOrAWrongShapeIsRefusedAsAnInvalidValue() {
        DecodedAlert unknownType = decoder.decode(Json.toBytes(tree().put("type", "alien_landing")));
        DecodedAlert array = decoder.decode(utf8("[1, 2]"));
        DecodedAlert nullLiteral = decoder.decode(utf8("null"));

        assertThat(unknownType).isInstanceOf(DecodedAlert.Invalid.class);
        assertThat(((DecodedAlert.Invalid) unknownType).code()).isEqualTo("invalid_value");
        assertThat(((DecodedAlert.Invalid) unknownType).reason()).contains("alien_landing");
        assertThat(((DecodedAlert.Invalid) array).code()).isEqualTo("invalid_value");
        assertThat(((DecodedAlert.Invalid) nullLiteral).code()).isEqualTo("invalid_value");
    }

    @Test
    void aMissingRevisionOrOneBelowOneIsRefused() {
        ObjectNode t = tree();
        t.remove("revision");

        assertThat(decoder.decode(Json.toBytes(tree().put("revision", 0))))
                .isEqualTo(new DecodedAlert.Invalid("invalid_value", "alert revision must be ≥ 1 (was 0)"));
        assertThat(decoder.decode(Json.toBytes(t))).isInstanceOf(DecodedAlert.Invalid.class);
    }
}
