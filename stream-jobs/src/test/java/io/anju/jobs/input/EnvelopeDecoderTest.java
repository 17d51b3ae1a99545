package io.anju.jobs.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Envelope;
import io.anju.common.model.LocationChain;
import io.anju.jobs.time.ClockRule;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming decoder against envelopes as the gateway writes them (Jackson over {@link Envelope}). */
class EnvelopeDecoderTest {
    private static final long TS = 1_764_378_000_000L;
    private static final LocationChain COMPOUND = new LocationChain("sd-03", "c-021", "g-058", "cp-0009", null);
    private static final LocationChain ZONE = new LocationChain("sd-01", "c-001", "g-001", null, "z-03");

    private final AtomicInteger corrected = new AtomicInteger();
    private final EnvelopeDecoder decoder = new EnvelopeDecoder(new ClockRule(Duration.ofSeconds(30)),
            corrected::incrementAndGet);

    private static byte[] envelope(String deviceId, DeviceType type, Channel channel, long ts, long receivedAt,
                                   LocationChain location, String payload) throws Exception {
        JsonNode body = Json.tree(payload.getBytes(StandardCharsets.UTF_8));
        return Json.toBytes(new Envelope(deviceId, type, channel, ts, 1842, receivedAt, "gw-1", false, location,
                body));
    }

    @Test
    void chargerTelemetry_decodesEveryPortField_andKeepsTheDeviceTime() throws Exception {
        byte[] value = envelope("chg-0009-1", DeviceType.CHARGER, Channel.TELEMETRY, TS, TS + 150, COMPOUND,
                "{\"ts\":" + TS + ",\"seq\":1842,\"mainsV\":228.5,\"ambientC\":21.0,\"smoke\":true,\"leakageMa\":3.25,"
                        + "\"vendorField\":{\"nested\":[1,2]},\"ports\":[{\"no\":1,\"state\":\"charging\",\"voltageV\":48.1,"
                        + "\"currentA\":4.2,\"powerW\":202.0,\"energyWh\":150,\"tempC\":31.5},{\"no\":2,\"state\":\"idle\"}]}");

        DeviceInput in = decoder.decode(value);

        assertThat(in).isInstanceOf(DeviceInput.Charger.class);
        ChargerTelemetry t = ((DeviceInput.Charger) in).telemetry();
        assertThat(t).isEqualTo(new ChargerTelemetry("chg-0009-1", TS, COMPOUND, 228.5, 21.0, true, 3.25,
                java.util.List.of(new PortReading(1, "charging", 48.1, 4.2, 202.0, 150, 31.5),
                        new PortReading(2, "idle", 0, 0, 0, 0, 0)), null));
        assertThat(in.seen()).isEqualTo(new DeviceSeen("chg-0009-1", DeviceType.CHARGER, TS, TS + 150, COMPOUND,
                false));
        assertThat(corrected).hasValue(0);
    }

    @Test
    void fieldOrderDoesNotMatter_aPayloadBeforeTypeAndChannelIsReadOnceTheyAreKnown() throws Exception {
        String json = "{\"payload\":{\"kind\":\"overcurrent\",\"port\":3,\"value\":6.4,\"code\":\"E12\"},"
                + "\"location\":{\"compoundId\":\"cp-0009\",\"gridId\":\"g-058\"},\"receivedAt\":" + (TS + 5)
                + ",\"ts\":" + TS + ",\"channel\":\"event\",\"type\":\"charger\",\"deviceId\":\"chg-0009-1\"}";

        DeviceInput in = decoder.decode(json.getBytes(StandardCharsets.UTF_8));

        assertThat(in).isEqualTo(new DeviceInput.ChargerEvt(
                new DeviceSeen("chg-0009-1", DeviceType.CHARGER, TS, TS + 5,
                        new LocationChain(null, null, "g-058", "cp-0009", null), false),
                new ChargerEvent("chg-0009-1", TS, new LocationChain(null, null, "g-058", "cp-0009", null),
                        "overcurrent", 3, 6.4, "E12")));
    }

    @Test
    void everyKindOfEnvelope_decodesToItsTypedInput() throws Exception {
        assertThat(decoder.decode(envelope("cnt-03", DeviceType.CROWD, Channel.TELEMETRY, TS, TS, ZONE,
                "{\"count\":412,\"inCount\":30,\"outCount\":12,\"intervalS\":10}")))
                .isEqualTo(new DeviceInput.Crowd(new DeviceSeen("cnt-03", DeviceType.CROWD, TS, TS, ZONE, false),
                        new CrowdReading("cnt-03", TS, ZONE, 412, 30, 12, 10, null)));
        assertThat(decoder.decode(envelope("gt-1", DeviceType.GATE, Channel.EVENT, TS, TS, COMPOUND,
                "{\"kind\":\"denied\",\"direction\":\"in\",\"method\":\"face\",\"personType\":\"visitor\","
                        + "\"snapshotId\":\"s-1\"}")))
                .isEqualTo(new DeviceInput.Gate(new DeviceSeen("gt-1", DeviceType.GATE, TS, TS, COMPOUND, false),
                        new GateEvent("gt-1", TS, COMPOUND, "denied", "in", "face", "visitor", "s-1")));
        assertThat(decoder.decode(envelope("cam-1", DeviceType.CAMERA, Channel.EVENT, TS, TS, COMPOUND,
                "{\"kind\":\"ebike_in_elevator\",\"confidence\":0.91,\"snapshotId\":\"c3-000310\"}")))
                .isEqualTo(new DeviceInput.Camera(new DeviceSeen("cam-1", DeviceType.CAMERA, TS, TS, COMPOUND, false),
                        new CameraDetection("cam-1", TS, COMPOUND, "ebike_in_elevator", 0.91, "c3-000310", null,
                                null)));
        assertThat(decoder.decode(envelope("gt-1", DeviceType.GATE, Channel.STATUS, TS, TS, COMPOUND,
                "{\"state\":\"offline\",\"fw\":\"1.4.2\"}")))
                .isEqualTo(new DeviceInput.Status(new DeviceSeen("gt-1", DeviceType.GATE, TS, TS, COMPOUND, true)));
        assertThat(decoder.decode(envelope("gt-1", DeviceType.GATE, Channel.TELEMETRY, TS, TS, COMPOUND,
                "{\"state\":\"offline\"}")))
                .as("only a status says a device goes away")
                .isEqualTo(new DeviceInput.Status(new DeviceSeen("gt-1", DeviceType.GATE, TS, TS, COMPOUND, false)));
    }

    @Test
    void aDeviceClockADayAhead_countsAtTheReceiveTime_andIsCounted() throws Exception {
        long day = 24 * 3_600_000L;
        DeviceInput in = decoder.decode(envelope("chg-0009-1", DeviceType.CHARGER, Channel.TELEMETRY, TS + day, TS,
                COMPOUND, "{\"ports\":[]}"));

        assertThat(in.seen().ts()).isEqualTo(TS);
        assertThat(in.seen().clockCorrected()).isTrue();
        assertThat(((DeviceInput.Charger) in).telemetry().ts()).isEqualTo(TS);
        assertThat(corrected).hasValue(1);
    }

    @Test
    void aClockResetTo2000_countsAtTheReceiveTime_whileSmallDriftKeepsTheDevicesOwnTime() throws Exception {
        long y2k = 946_684_800_000L;
        assertThat(decoder.decode(envelope("cnt-03", DeviceType.CROWD, Channel.TELEMETRY, y2k, TS, ZONE,
                "{\"count\":1}")).seen().ts()).isEqualTo(TS);
        assertThat(decoder.decode(envelope("cnt-03", DeviceType.CROWD, Channel.TELEMETRY, TS - 29_000, TS, ZONE,
                "{\"count\":1}")).seen().ts()).isEqualTo(TS - 29_000);
        assertThat(corrected).hasValue(1);
    }

    @Test
    void anEnvelopeWithoutAReceiveTime_keepsTheDeviceTime() throws Exception {
        ObjectNode env = (ObjectNode) Json.tree(envelope("gt-1", DeviceType.GATE, Channel.STATUS, 1_000, 0, COMPOUND,
                "{\"state\":\"online\"}"));
        env.remove("receivedAt");
        assertThat(decoder.decode(Json.toBytes(env)).seen().ts()).isEqualTo(1_000);
    }

    @Test
    void whatIsNotAGatewayEnvelope_isRefusedWithTheReason() {
        assertThatThrownBy(() -> decoder.decode("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("not_object");
        assertThatThrownBy(() -> decoder.decode("{\"deviceId\":".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("not_json");
        assertThatThrownBy(() -> decoder.decode(("{\"deviceId\":\"x\",\"type\":\"toaster\",\"channel\":\"event\","
                + "\"ts\":1}").getBytes(StandardCharsets.UTF_8))).hasMessage("bad_value: type 'toaster'");
        assertThatThrownBy(() -> decoder.decode(("{\"deviceId\":\"x\",\"type\":\"gate\",\"channel\":\"event\","
                + "\"location\":{}}").getBytes(StandardCharsets.UTF_8))).hasMessage("missing_field: ts");
        assertThatThrownBy(() -> decoder.decode(("{\"deviceId\":\"x\",\"type\":\"gate\",\"channel\":\"event\","
                + "\"ts\":5}").getBytes(StandardCharsets.UTF_8))).hasMessage("missing_field: location");
    }
}
