package io.anju.jobs.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.anju.common.json.Json;
import io.anju.common.model.LocationChain;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Gateway envelopes (docs/kafka-topics.md) with quiet, realistic payloads: nothing in them trips a detector unless
 * asked. Written with Jackson's streaming generator because the throughput phase makes millions of them; the
 * benchmark checks once at start that the job's own decoder reads each kind ({@link JobsBench}).
 *
 * <p>Charger: 10 ports, about 60 % charging at 150–600 W (station total ≤ 6 kW, under the 7.8 kW yellow level),
 * flat port temperatures (no rising trend, far from 65 °C), no smoke, leakage 2–4 mA. An overload reading puts one
 * port at 1,300 W (≥ 1.2 × the 1,000 W limit: an immediate red port overload); the next normal reading clears it.
 */
final class EnvelopeFactory {
    static final int PORTS = 10;
    static final double OVERLOAD_W = 1300.0;
    private static final String GATEWAY = "gw-bench";

    private final JsonFactory json = Json.mapper().getFactory();

    /** The port an overload reading of this device overloads (1-based). */
    static int overloadPort(BenchDevice d) {
        return Math.floorMod(d.id().hashCode(), PORTS) + 1;
    }

    byte[] chargerTelemetry(BenchDevice d, long ts, long seq, boolean overload) {
        return write(d, "telemetry", ts, seq, g -> {
            int h = d.id().hashCode();
            g.writeNumberField("mainsV", 226.0 + Math.floorMod(h, 5));
            g.writeNumberField("ambientC", 22.0);
            g.writeBooleanField("smoke", false);
            g.writeNumberField("leakageMa", 2.0 + Math.floorMod(h, 3));
            g.writeArrayFieldStart("ports");
            int hot = overload ? overloadPort(d) : -1;
            for (int no = 1; no <= PORTS; no++) {
                int mix = Math.floorMod(h * 31 + no * 17, 100);
                boolean charging = no == hot || mix < 60;
                double watts = no == hot ? OVERLOAD_W : charging ? 150.0 + mix * 7.5 : 0.0;
                double volts = charging ? 48.0 + mix % 3 * 0.3 : 0.0;
                g.writeStartObject();
                g.writeNumberField("no", no);
                g.writeStringField("state", charging ? "charging" : "idle");
                g.writeNumberField("voltageV", volts);
                g.writeNumberField("currentA", charging ? Math.round(watts / volts * 10) / 10.0 : 0.0);
                g.writeNumberField("powerW", watts);
                g.writeNumberField("energyWh", charging ? seq + mix : 0);
                g.writeNumberField("tempC", charging ? 30.0 + mix % 10 : 24.0);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** A crowd counter's 10 s reading: a steady count with as many in as out. */
    byte[] crowdTelemetry(BenchDevice d, long ts, long seq) {
        return write(d, "telemetry", ts, seq, g -> {
            g.writeNumberField("count", d.people());
            g.writeNumberField("inCount", 3);
            g.writeNumberField("outCount", 3);
            g.writeNumberField("intervalS", 10);
        });
    }

    /** A resident passing a gate with a card. */
    byte[] gatePass(BenchDevice d, long ts, long seq) {
        return write(d, "event", ts, seq, g -> {
            g.writeStringField("kind", "pass");
            g.writeStringField("direction", seq % 2 == 0 ? "in" : "out");
            g.writeStringField("method", "card");
            g.writeStringField("personType", "resident");
        });
    }

    /** A heartbeat. */
    byte[] status(BenchDevice d, long ts, long seq) {
        return write(d, "status", ts, seq, g -> {
            g.writeStringField("state", "online");
            g.writeStringField("fw", "1.4.2");
            g.writeNumberField("rssi", -60 - Math.floorMod(d.id().hashCode(), 20));
        });
    }

    private interface Payload {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] write(BenchDevice d, String channel, long ts, long seq, Payload payload) {
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("deviceId", d.id());
            g.writeStringField("type", d.type().wireName());
            g.writeStringField("channel", channel);
            g.writeNumberField("ts", ts);
            g.writeNumberField("seq", seq);
            g.writeNumberField("receivedAt", ts);
            g.writeStringField("gateway", GATEWAY);
            writeLocation(g, d.location());
            g.writeObjectFieldStart("payload");
            g.writeNumberField("ts", ts);
            g.writeNumberField("seq", seq);
            payload.write(g);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeLocation(JsonGenerator g, LocationChain l) throws IOException {
        g.writeObjectFieldStart("location");
        field(g, "subDistrictId", l.subDistrictId());
        field(g, "communityId", l.communityId());
        field(g, "gridId", l.gridId());
        field(g, "compoundId", l.compoundId());
        field(g, "zoneId", l.zoneId());
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
