package io.anju.gateway.validate;

import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static io.anju.common.model.Channel.COMMAND;
import static io.anju.common.model.Channel.COMMAND_REPLY;
import static io.anju.common.model.Channel.EVENT;
import static io.anju.common.model.Channel.STATUS;
import static io.anju.common.model.Channel.TELEMETRY;
import static io.anju.common.model.DeviceType.CAMERA;
import static io.anju.common.model.DeviceType.CHARGER;
import static io.anju.common.model.DeviceType.CROWD;
import static io.anju.common.model.DeviceType.GATE;
import static org.assertj.core.api.Assertions.assertThat;

class PayloadValidatorTest {
    private static final String HEAD = "\"ts\":1764378000000,\"seq\":1842";
    private static final String PORTS = "\"ports\":[{\"no\":1,\"state\":\"charging\",\"voltageV\":48.6,\"currentA\":4.1,"
            + "\"powerW\":199.3,\"energyWh\":655,\"tempC\":38.5},{\"no\":2,\"state\":\"idle\",\"voltageV\":0,\"currentA\":0,"
            + "\"powerW\":0,\"energyWh\":0,\"tempC\":24.0}]";

    private final PayloadValidator validator = new PayloadValidator(16 * 1024, 1024 * 1024);

    private Validation check(DeviceType type, Channel channel, String json) {
        return validator.validate(type, channel, null, json.getBytes(StandardCharsets.UTF_8));
    }

    private String reason(DeviceType type, Channel channel, String json) {
        Validation v = check(type, channel, json);
        assertThat(v).isInstanceOf(Validation.Invalid.class);
        return ((Validation.Invalid) v).reason();
    }

    @Test
    void protocolExamplesAreValid() {
        assertThat(check(CHARGER, TELEMETRY, "{" + HEAD + ",\"mainsV\":228.4,\"ambientC\":24.1,\"smoke\":false,\"leakageMa\":3.2," + PORTS + "}").isValid()).isTrue();
        assertThat(check(CHARGER, EVENT, "{" + HEAD + ",\"kind\":\"overcurrent\",\"port\":3,\"value\":6.2,\"code\":\"E12\"}").isValid()).isTrue();
        assertThat(check(CHARGER, EVENT, "{" + HEAD + ",\"kind\":\"smoke\"}").isValid()).isTrue();
        assertThat(check(GATE, EVENT, "{" + HEAD + ",\"kind\":\"pass\",\"direction\":\"in\",\"method\":\"face\",\"personType\":\"resident\",\"snapshotId\":\"g-1_a\"}").isValid()).isTrue();
        assertThat(check(CROWD, TELEMETRY, "{" + HEAD + ",\"count\":412,\"inCount\":37,\"outCount\":29,\"intervalS\":10}").isValid()).isTrue();
        assertThat(check(CAMERA, EVENT, "{" + HEAD + ",\"kind\":\"ebike_in_elevator\",\"confidence\":0.93,\"bbox\":[1,2,30,40],\"snapshotId\":\"s1\"}").isValid()).isTrue();
        assertThat(check(GATE, STATUS, "{" + HEAD + ",\"state\":\"online\",\"fw\":\"1.4.2\",\"rssi\":-71}").isValid()).isTrue();
        assertThat(check(CHARGER, COMMAND_REPLY, "{\"id\":\"c-1\",\"ts\":1764378000000,\"result\":\"ok\",\"detail\":\"done\"}").isValid()).isTrue();
    }

    @Test
    void unknownExtraFieldsAreKept() {
        Validation v = check(CROWD, TELEMETRY, "{" + HEAD + ",\"count\":1,\"inCount\":0,\"outCount\":0,\"intervalS\":10,\"vendorX\":{\"a\":1}}");
        assertThat(v).isInstanceOf(Validation.Valid.class);
        assertThat(((Validation.Valid) v).json().path("vendorX").path("a").asInt()).isEqualTo(1);
    }

    @Test
    void payloadThatIsNotJsonIsRejected() {
        assertThat(reason(GATE, STATUS, "{\"ts\":1,")).startsWith("not_json: ");
        assertThat(reason(GATE, STATUS, "")).startsWith("not_json: ");
        assertThat(reason(GATE, STATUS, "{" + HEAD + ",\"state\":\"online\"} trailing")).startsWith("not_json: ");
        assertThat(reason(GATE, STATUS, "{" + HEAD + ",\"state\":\"online\",\"state\":\"offline\"}")).startsWith("not_json: ");
    }

    @Test
    void jsonThatIsNotAnObjectIsRejected() {
        assertThat(reason(GATE, STATUS, "[1,2]")).startsWith("not_object");
        assertThat(reason(GATE, STATUS, "42")).startsWith("not_object");
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] bytes = ("{" + HEAD + ",\"state\":\"online\",\"fw\":\"x\"}").getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 3] = (byte) 0xC3; // a lead byte followed by '"' is malformed
        assertThat(validator.validate(GATE, STATUS, null, bytes))
                .isEqualTo(new Validation.Invalid("not_utf8: payload is not valid UTF-8"));
    }

    @Test
    void oversizePayloadIsRejectedBeforeParsing() {
        PayloadValidator small = new PayloadValidator(64, 1024);
        String json = "{" + HEAD + ",\"state\":\"online\",\"fw\":\"" + "x".repeat(64) + "\"}";
        Validation v = small.validate(GATE, STATUS, null, json.getBytes(StandardCharsets.UTF_8));
        assertThat(((Validation.Invalid) v).code()).isEqualTo("too_large");
    }

    @Test
    void tsAndSeqAreRequired() {
        assertThat(reason(GATE, STATUS, "{\"seq\":1,\"state\":\"online\"}")).isEqualTo("missing_field: ts");
        assertThat(reason(GATE, STATUS, "{\"ts\":1764378000000,\"state\":\"online\"}")).isEqualTo("missing_field: seq");
        assertThat(reason(GATE, STATUS, "{\"ts\":null,\"seq\":1,\"state\":\"online\"}")).isEqualTo("missing_field: ts");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"ts\":\"1764378000000\",\"seq\":1 | bad_type: ts must be an integer",
            "\"ts\":1764378000000.5,\"seq\":1 | bad_type: ts must be an integer",
            "\"ts\":-1,\"seq\":1 | bad_value: ts -1 not in 0..4102444800000",
            "\"ts\":1764378000000,\"seq\":2147483648 | bad_value: seq 2147483648 not in 0..2147483647",
            "\"ts\":1764378000000,\"seq\":-3 | bad_value: seq -3 not in 0..2147483647",
            "\"ts\":1764378000000,\"seq\":1e3 | bad_type: seq must be an integer"})
    void tsAndSeqMustBeIntegralAndInRange(String head, String expected) {
        assertThat(reason(GATE, STATUS, "{" + head + ",\"state\":\"online\"}")).isEqualTo(expected);
    }

    @Test
    void seqAtTheWrapBoundaryIsValid() {
        assertThat(check(GATE, STATUS, "{\"ts\":0,\"seq\":2147483647,\"state\":\"offline\"}").isValid()).isTrue();
    }

    @Test
    void chargerTelemetryChecksPorts() {
        assertThat(reason(CHARGER, TELEMETRY, "{" + HEAD + "}")).isEqualTo("missing_field: ports");
        assertThat(reason(CHARGER, TELEMETRY, "{" + HEAD + ",\"ports\":{}}")).isEqualTo("bad_type: ports must be an array");
        assertThat(reason(CHARGER, TELEMETRY, "{" + HEAD + ",\"ports\":[{\"no\":1,\"state\":\"idle\"},{\"no\":2,\"state\":\"idle\"},"
                + "{\"no\":3,\"state\":\"boiling\"}]}")).isEqualTo("bad_value: ports[2].state 'boiling'");
        assertThat(reason(CHARGER, TELEMETRY, "{" + HEAD + ",\"ports\":[{\"state\":\"idle\"}]}")).isEqualTo("missing_field: ports[0].no");
        assertThat(reason(CHARGER, TELEMETRY, "{" + HEAD + ",\"ports\":[{\"no\":1,\"state\":\"idle\",\"powerW\":\"high\"}]}"))
                .isEqualTo("bad_type: ports[0].powerW must be a number");
        assertThat(reason(CHARGER, TELEMETRY, "{" + HEAD + ",\"smoke\":\"no\"," + PORTS + "}")).isEqualTo("bad_type: smoke must be true or false");
        assertThat(reason(CHARGER, TELEMETRY, "{" + HEAD + ",\"mainsV\":\"230\"," + PORTS + "}")).isEqualTo("bad_type: mainsV must be a number");
    }

    @Test
    void chargerEventKindIsAnEnum() {
        assertThat(reason(CHARGER, EVENT, "{" + HEAD + "}")).isEqualTo("missing_field: kind");
        assertThat(reason(CHARGER, EVENT, "{" + HEAD + ",\"kind\":\"explosion\"}")).isEqualTo("bad_value: kind 'explosion'");
        assertThat(reason(CHARGER, EVENT, "{" + HEAD + ",\"kind\":\"fuse\",\"port\":\"3\"}")).isEqualTo("bad_type: port must be an integer");
    }

    @Test
    void gateEventEnumsAreChecked() {
        assertThat(reason(GATE, EVENT, "{" + HEAD + ",\"kind\":\"jump\"}")).isEqualTo("bad_value: kind 'jump'");
        assertThat(reason(GATE, EVENT, "{" + HEAD + ",\"kind\":\"pass\",\"direction\":\"up\"}")).isEqualTo("bad_value: direction 'up'");
        assertThat(reason(GATE, EVENT, "{" + HEAD + ",\"kind\":\"pass\",\"method\":\"magic\"}")).isEqualTo("bad_value: method 'magic'");
        assertThat(reason(GATE, EVENT, "{" + HEAD + ",\"kind\":\"pass\",\"personType\":\"alien\"}")).isEqualTo("bad_value: personType 'alien'");
        assertThat(reason(GATE, EVENT, "{" + HEAD + ",\"kind\":\"pass\",\"snapshotId\":\"../etc\"}")).isEqualTo("bad_value: snapshotId '../etc'");
    }

    @Test
    void crowdCountsAreNonNegativeIntegers() {
        assertThat(reason(CROWD, TELEMETRY, "{" + HEAD + ",\"inCount\":1,\"outCount\":1,\"intervalS\":10}")).isEqualTo("missing_field: count");
        assertThat(reason(CROWD, TELEMETRY, "{" + HEAD + ",\"count\":-1,\"inCount\":1,\"outCount\":1,\"intervalS\":10}"))
                .isEqualTo("bad_value: count -1 not in 0..2147483647");
        assertThat(reason(CROWD, TELEMETRY, "{" + HEAD + ",\"count\":1.5,\"inCount\":1,\"outCount\":1,\"intervalS\":10}"))
                .isEqualTo("bad_type: count must be an integer");
    }

    @Test
    void cameraEventNeedsKindAndConfidenceInUnitRange() {
        assertThat(reason(CAMERA, EVENT, "{" + HEAD + ",\"kind\":\"ufo\",\"confidence\":0.5}")).isEqualTo("bad_value: kind 'ufo'");
        assertThat(reason(CAMERA, EVENT, "{" + HEAD + ",\"kind\":\"smoke\"}")).isEqualTo("missing_field: confidence");
        assertThat(reason(CAMERA, EVENT, "{" + HEAD + ",\"kind\":\"smoke\",\"confidence\":1.2}")).isEqualTo("bad_value: confidence 1.2 not in 0.0..1.0");
        assertThat(reason(CAMERA, EVENT, "{" + HEAD + ",\"kind\":\"smoke\",\"confidence\":0.2,\"bbox\":[1,2]}")).isEqualTo("bad_type: bbox must be an array [x,y,w,h]");
    }

    @Test
    void statusStateIsOnlineOrOffline() {
        assertThat(reason(CHARGER, STATUS, "{" + HEAD + "}")).isEqualTo("missing_field: state");
        assertThat(reason(CHARGER, STATUS, "{" + HEAD + ",\"state\":\"sleeping\"}")).isEqualTo("bad_value: state 'sleeping'");
    }

    @Test
    void commandReplyNeedsIdAndResult() {
        assertThat(reason(GATE, COMMAND_REPLY, "{\"ts\":1764378000000,\"result\":\"ok\"}")).isEqualTo("missing_field: id");
        assertThat(reason(GATE, COMMAND_REPLY, "{\"id\":\"c1\",\"ts\":1764378000000,\"result\":\"maybe\"}")).isEqualTo("bad_value: result 'maybe'");
        assertThat(reason(GATE, COMMAND_REPLY, "{\"id\":\"c1\",\"result\":\"ok\"}")).isEqualTo("missing_field: ts");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"mainsV\":1e400 | bad_value: mainsV must be a finite number",
            "\"ambientC\":-1e400 | bad_value: ambientC must be a finite number",
            "\"vendorX\":{\"gain\":[1,2e999]} | bad_value: vendorX.gain[1] must be a finite number"})
    void numbersBeyondDoubleRangeAreRejectedNamingTheField(String field, String expected) {
        assertThat(reason(CHARGER, TELEMETRY, "{" + HEAD + "," + field + "," + PORTS + "}")).isEqualTo(expected);
    }

    @Test
    void aPortReadingBeyondDoubleRangeIsRejectedNamingThePort() {
        String ports = PORTS.replace("\"powerW\":0,", "\"powerW\":" + "9".repeat(400) + ",");
        assertThat(reason(CHARGER, TELEMETRY, "{" + HEAD + "," + ports + "}"))
                .isEqualTo("bad_value: ports[1].powerW must be a finite number");
        assertThat(reason(CAMERA, EVENT, "{" + HEAD + ",\"kind\":\"smoke\",\"confidence\":1e400}"))
                .isEqualTo("bad_value: confidence must be a finite number");
    }

    @Test
    void nanAndInfinityTokensAreNotJson() {
        assertThat(reason(CHARGER, TELEMETRY, "{" + HEAD + ",\"mainsV\":NaN," + PORTS + "}")).startsWith("not_json: ");
        assertThat(reason(CHARGER, TELEMETRY, "{" + HEAD + ",\"mainsV\":Infinity," + PORTS + "}")).startsWith("not_json: ");
    }

    @Test
    void largeButFiniteNumbersAreValid() {
        assertThat(check(CHARGER, TELEMETRY, "{" + HEAD + ",\"mainsV\":1.7e308,\"ambientC\":-4.9e-324," + PORTS + "}").isValid())
                .isTrue();
    }

    @Test
    void devicesCannotPublishOnTheCommandChannel() {
        assertThat(reason(CHARGER, COMMAND, "{" + HEAD + "}")).isEqualTo("bad_channel: command is gateway-to-device");
    }
}
