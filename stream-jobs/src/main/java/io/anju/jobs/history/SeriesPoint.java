package io.anju.jobs.history;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * One InfluxDB point as it travels between Flink operators: plain values only, rendered to line protocol by the
 * sink's writer. InfluxDB identifies a point by measurement + tag set + timestamp, so writing the same point twice
 * (a replay after a restart) overwrites it instead of adding a second one.
 *
 * <p>Tags and fields are kept in {@link TreeMap}s (sorted, as InfluxDB prefers); treat them as read-only. Between
 * operators a point travels in {@link SeriesPointSerializer}'s format, not Kryo. Null or empty tag values are left
 * out (line protocol has no empty tag), null and non-finite field values too (InfluxDB has no NaN).
 *
 * @param measurement   the measurement name, e.g. {@code charger_station}
 * @param tags          indexed, low-cardinality dimensions
 * @param fields        the values: {@link Double}, {@link Long}, {@link Boolean} or {@link String}
 * @param tsMs          event time, Unix ms
 * @param tieBreakNanos 0..999,999 ns added to {@code tsMs}, for a measurement whose points can share tag set and
 *                      millisecond (alerts); derive it from the point's identity so a replay lands on the same ns
 */
@TypeInfo(SeriesPointTypeInfo.Factory.class)
public record SeriesPoint(String measurement, TreeMap<String, String> tags, TreeMap<String, Object> fields,
                          long tsMs, int tieBreakNanos) implements Serializable {

    private static final long NANOS_PER_MS = 1_000_000L;

    public SeriesPoint {
        if (measurement == null || measurement.isBlank()) {
            throw new IllegalArgumentException("a series point needs a measurement");
        }
        if (tieBreakNanos < 0 || tieBreakNanos >= NANOS_PER_MS) {
            throw new IllegalArgumentException("tieBreakNanos must be in 0..999999 (was " + tieBreakNanos + ")");
        }
        tags = cleanTags(tags);
        fields = cleanFields(fields);
    }

    public SeriesPoint(String measurement, Map<String, String> tags, Map<String, Object> fields, long tsMs) {
        this(measurement, tags == null ? null : new TreeMap<>(tags), fields == null ? null : new TreeMap<>(fields),
                tsMs, 0);
    }

    /** The timestamp the writer sends, in ns (the sink writes with nanosecond precision). */
    public long tsNanos() {
        return tsMs * NANOS_PER_MS + tieBreakNanos;
    }

    /** False when every field was null or non-finite: InfluxDB rejects a point without fields. */
    public boolean writable() {
        return !fields.isEmpty();
    }

    /** This point as one line of InfluxDB line protocol with a nanosecond timestamp. */
    public String toLineProtocol() {
        StringBuilder line = new StringBuilder(64 + 24 * (tags.size() + fields.size()));
        escape(line, measurement, false);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            line.append(',');
            escape(line, tag.getKey(), true);
            line.append('=');
            escape(line, tag.getValue(), true);
        }
        char separator = ' ';
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            line.append(separator);
            separator = ',';
            escape(line, field.getKey(), true);
            line.append('=');
            appendFieldValue(line, field.getValue());
        }
        return line.append(' ').append(tsNanos()).toString();
    }

    private static TreeMap<String, String> cleanTags(Map<String, String> tags) {
        TreeMap<String, String> clean = new TreeMap<>();
        if (tags != null) {
            tags.forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    clean.put(requireKey(k), v);
                }
            });
        }
        return clean;
    }

    private static TreeMap<String, Object> cleanFields(Map<String, Object> fields) {
        TreeMap<String, Object> clean = new TreeMap<>();
        if (fields != null) {
            fields.forEach((k, v) -> {
                Object value = normalise(k, v);
                if (value != null) {
                    clean.put(requireKey(k), value);
                }
            });
        }
        return clean;
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("tag and field keys must not be empty");
        }
        return key;
    }

    /** Integers become Long, floats Double, so a field keeps one InfluxDB type whatever Java type built it. */
    private static Object normalise(String key, Object v) {
        if (v == null || v instanceof Boolean || v instanceof String || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        throw new IllegalArgumentException("field '" + key + "' has unsupported type " + v.getClass().getName()
                + " (Double, Long, Integer, Boolean or String)");
    }

    private static void appendFieldValue(StringBuilder line, Object value) {
        if (value instanceof Double d) {
            // Plain notation: never "1.0E10", and always a decimal point so InfluxDB stores a float.
            String plain = BigDecimal.valueOf(d).toPlainString();
            line.append(plain);
            if (plain.indexOf('.') < 0) {
                line.append(".0");
            }
        } else if (value instanceof Long l) {
            line.append(l).append('i');
        } else if (value instanceof Boolean b) {
            line.append(b);
        } else {
            line.append('"');
            String s = (String) value;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    line.append('\\').append(c);
                } else if (c == '\n' || c == '\r') {
                    line.append(' ');
                } else {
                    line.append(c);
                }
            }
            line.append('"');
        }
    }

    /**
     * Line-protocol escaping: commas and spaces everywhere, '=' in tag keys, tag values and field keys. Newlines
     * cannot be escaped in line protocol, so they become spaces.
     */
    private static void escape(StringBuilder line, String s, boolean escapeEquals) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ' ' || (escapeEquals && c == '=')) {
                line.append('\\').append(c);
            } else if (c == '\n' || c == '\r') {
                line.append("\\ ");
            } else {
                line.append(c);
            }
        }
    }
}
