package io.anju.bench.jobs.traffic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.EnvelopeDecoder;
import io.anju.jobs.input.PortReading;
import io.anju.jobs.time.ClockRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class EnvelopeTemplateTest {
    private static final BenchDevice CHARGER = new BenchDevice("load-00042", DeviceType.CHARGER,
            new LocationChain("sd-01", "c-004", "g-011", "cp-0042", null), 0, 1_000);
    private static final BenchDevice CROWD = new BenchDevice("crd-0007", DeviceType.CROWD,
            new LocationChain("sd-02", "c-017", "g-049", null, "z-03"), 120, 0);
    private static final BenchDevice GATE = new BenchDevice("gate-0101-1", DeviceType.GATE,
            new LocationChain("sd-01", "c-004", "g-011", "cp-0101", null), 0, 0);
    private static final long TS = 1_764_378_000_153L;

    private final EnvelopeDecoder decoder = new EnvelopeDecoder(new ClockRule(JobsSettings.DEFAULT_CLOCK_TOLERANCE),
            () -> {
            });

    private static ObjectNode body(String kind) {
        return switch (kind) {
            case "charger" -> Payloads.charger(CHARGER, false);
            case "overload" -> Payloads.charger(CHARGER, true);
            case "crowd" -> Payloads.crowd(CROWD);
            case "gate" -> Payloads.gatePass(true);
            default -> Payloads.status(CHARGER);
        };
    }

    private static BenchDevice device(String kind) {
        return kind.equals("crowd") ? CROWD : kind.equals("gate") ? GATE : CHARGER;
    }

    private static Channel channel(String kind) {
        return kind.equals("gate") ? Channel.EVENT : kind.equals("status") ? Channel.STATUS : Channel.TELEMETRY;
    }

    @ParameterizedTest
    @ValueSource(strings = {"charger", "overload", "crowd", "gate", "status"})
    void aPatchedEnvelope_isByteForByteWhatJacksonWritesForTheSameValues(String kind) {
        EnvelopeTemplate template = EnvelopeTemplate.of(device(kind), channel(kind), body(kind));
        SplittableRandom random = new SplittableRandom(kind.hashCode());
        for (int i = 0; i < 200; i++) {
            long ts = random.nextLong(1_000_000_000_000L, 9_999_999_999_999L);
            long seq = random.nextLong(EnvelopeTemplate.SEQ_BASE, 9_999_999_999L);

            byte[] patched = template.at(ts, seq);

            assertThat(new String(patched, StandardCharsets.UTF_8)).isEqualTo(new String(
                    EnvelopeTemplate.render(device(kind), channel(kind), body(kind), ts, seq), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theTemplateIsLeftAlone_eachMessageIsACopy() {
        EnvelopeTemplate template = EnvelopeTemplate.of(CROWD, Channel.TELEMETRY, Payloads.crowd(CROWD));

        byte[] first = template.at(TS, EnvelopeTemplate.SEQ_BASE);
        template.at(TS + 1, EnvelopeTemplate.SEQ_BASE + 1);

        assertThat(first).isEqualTo(EnvelopeTemplate.render(CROWD, Channel.TELEMETRY, Payloads.crowd(CROWD), TS,
                EnvelopeTemplate.SEQ_BASE));
    }

    @Test
    void thePatchedEnvelope_isInTheGatewaysFormat() {
        String json = new String(EnvelopeTemplate.of(GATE, Channel.EVENT, Payloads.gatePass(false))
                .at(TS, 1_000_000_077L), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"deviceId\":\"gate-0101-1\",\"type\":\"gate\",\"channel\":\"event\","
                + "\"ts\":1764378000153,\"seq\":1000000077,\"receivedAt\":1764378000153,\"gateway\":\"gw-bench\","
                + "\"location\":{\"subDistrictId\":\"sd-01\",\"communityId\":\"c-004\",\"gridId\":\"g-011\","
                + "\"compoundId\":\"cp-0101\"},\"payload\":{\"ts\":1764378000153,\"seq\":1000000077,\"kind\":\"pass\","
                + "\"direction\":\"out\",\"method\":\"card\",\"personType\":\"resident\"}}");
    }

    @Test
    void anOverloadReading_decodesWithTheJobsDecoder_asChargerTelemetryWithOnePortOverItsLimit() throws Exception {
        byte[] envelope = EnvelopeTemplate.of(CHARGER, Channel.TELEMETRY, Payloads.charger(CHARGER, true))
                .at(TS, EnvelopeTemplate.SEQ_BASE + 5);

        DeviceInput in = decoder.decode(envelope);

        assertThat(in).isInstanceOf(DeviceInput.Charger.class);
        assertThat(in.seen().deviceId()).isEqualTo("load-00042");
        assertThat(in.seen().ts()).isEqualTo(TS);
        assertThat(in.seen().receivedAt()).isEqualTo(TS);
        ChargerTelemetry t = ((DeviceInput.Charger) in).telemetry();
        assertThat(t.ports()).hasSize(Traffic.PORTS);
        assertThat(t.ports()).filteredOn(p -> p.powerW() > CHARGER.portLimitW())
                .extracting(PortReading::no, PortReading::powerW)
                .containsExactly(tuple(Payloads.overloadPort(CHARGER), 1300.0));
    }

    @Test
    void everyKind_decodesAsWhatItStandsFor() throws Exception {
        assertThat(decoder.decode(EnvelopeTemplate.of(CROWD, Channel.TELEMETRY, Payloads.crowd(CROWD)).at(TS,
                EnvelopeTemplate.SEQ_BASE))).isInstanceOf(DeviceInput.Crowd.class);
        assertThat(decoder.decode(EnvelopeTemplate.of(GATE, Channel.EVENT, Payloads.gatePass(true)).at(TS,
                EnvelopeTemplate.SEQ_BASE))).isInstanceOf(DeviceInput.Gate.class);
        assertThat(decoder.decode(EnvelopeTemplate.of(GATE, Channel.STATUS, Payloads.status(GATE)).at(TS,
                EnvelopeTemplate.SEQ_BASE))).isInstanceOf(DeviceInput.Status.class);
    }

    @Test
    void valuesThatDoNotFitTheSlots_areRefused() {
        EnvelopeTemplate template = EnvelopeTemplate.of(CROWD, Channel.TELEMETRY, Payloads.crowd(CROWD));

        assertThatThrownBy(() -> template.at(999_999_999_999L, EnvelopeTemplate.SEQ_BASE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> template.at(TS, 999_999_999L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> template.at(TS, 10_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
    }
}
