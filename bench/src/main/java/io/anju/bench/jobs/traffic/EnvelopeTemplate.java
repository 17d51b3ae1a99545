package io.anju.bench.jobs.traffic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.Envelope;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * One device's envelope, rendered once by Jackson as the gateway writes it (docs/kafka-topics.md), with the places of
 * its time and counter found. Each message is a copy of these bytes with {@code ts} and {@code receivedAt} (13
 * digits, Unix ms) and {@code seq} (10 digits) written in, in the envelope and in the payload: no JSON is written
 * per message, so the producer stays cheap. The widths are fixed, so a patched envelope is byte for byte what Jackson
 * would write for the same values; device counters start at {@link #SEQ_BASE} to keep {@code seq} 10 digits wide.
 */
public final class EnvelopeTemplate {
    /** The first {@code seq} of every device. */
    public static final long SEQ_BASE = 1_000_000_000L;
    static final String GATEWAY = "gw-bench";
    private static final int TS_DIGITS = 13;
    private static final int SEQ_DIGITS = 10;
    // Rendered in place of the real values to find their places; no other field holds such a number.
    private static final long TS_MARK = 9_999_999_999_999L;
    private static final long SEQ_MARK = 9_999_999_999L;

    private final byte[] bytes;
    private final int[] tsAt;
    private final int[] seqAt;

    private EnvelopeTemplate(byte[] bytes, int[] tsAt, int[] seqAt) {
        this.bytes = bytes;
        this.tsAt = tsAt;
        this.seqAt = seqAt;
    }

    /** The template of {@code device}'s envelope on {@code channel} with this payload (without ts and seq). */
    static EnvelopeTemplate of(BenchDevice device, Channel channel, ObjectNode body) {
        byte[] marked = render(device, channel, body, TS_MARK, SEQ_MARK);
        int[] ts = IntStream.concat(IntStream.of(places(marked, "\"ts\":" + TS_MARK, 2)),
                IntStream.of(places(marked, "\"receivedAt\":" + TS_MARK, 1))).toArray();
        return new EnvelopeTemplate(marked, ts, places(marked, "\"seq\":" + SEQ_MARK, 2));
    }

    /** What the gateway writes for this device and payload when the device stamps {@code ts} and {@code seq}. */
    static byte[] render(BenchDevice device, Channel channel, ObjectNode body, long ts, long seq) {
        ObjectNode payload = Json.mapper().createObjectNode().put("ts", ts).put("seq", seq);
        payload.setAll(body);
        return Json.toBytes(new Envelope(device.id(), device.type(), channel, ts, seq, ts, GATEWAY, false,
                device.location(), payload));
    }

    /** A new envelope: device time and gateway receive time {@code ts}, counter {@code seq}. */
    public byte[] at(long ts, long seq) {
        if (ts < 1_000_000_000_000L || ts > TS_MARK || seq < SEQ_BASE || seq > SEQ_MARK) {
            throw new IllegalArgumentException("ts must have 13 digits and seq 10, were " + ts + " and " + seq);
        }
        byte[] out = bytes.clone();
        for (int at : tsAt) {
            digits(out, at, TS_DIGITS, ts);
        }
        for (int at : seqAt) {
            digits(out, at, SEQ_DIGITS, seq);
        }
        return out;
    }

    private static void digits(byte[] out, int at, int width, long value) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Where the number of each occurrence of {@code field} starts; exactly {@code expected} occurrences. */
    private static int[] places(byte[] json, String field, int expected) {
        byte[] pattern = field.getBytes(StandardCharsets.US_ASCII);
        int number = field.indexOf(':') + 1;
        int[] found = new int[0];
        for (int i = 0; i + pattern.length <= json.length; i++) {
            if (Arrays.equals(json, i, i + pattern.length, pattern, 0, pattern.length)
                    && (i + pattern.length == json.length || !Character.isDigit(json[i + pattern.length]))) {
                found = Arrays.copyOf(found, found.length + 1);
                found[found.length - 1] = i + number;
            }
        }
        if (found.length != expected) {
            throw new IllegalStateException("expected " + expected + " × " + field + " in the rendered envelope, found "
                    + found.length + ": " + new String(json, StandardCharsets.UTF_8));
        }
        return found;
    }
}
