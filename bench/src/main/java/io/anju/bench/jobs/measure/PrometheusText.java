package io.anju.bench.jobs.measure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4) that Flink's Prometheus reporter serves: one sample
 * per line, {@code name{label="value",…} number}, with {@code #} comment lines. Label values may hold escaped
 * {@code \\}, {@code \"} and {@code \n}; numbers may be {@code NaN} or {@code ±Inf}. A line that does not parse is an
 * error, not a silently missing figure.
 */
public final class PrometheusText {
    /** One sample of one metric. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private PrometheusText() {
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(l));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNo + " is not a Prometheus sample: " + line, e);
            }
        }
        return samples;
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no metric name");
        }
        Map<String, String> labels = new HashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        // The value, then an optional timestamp.
        String[] rest = line.substring(i).strip().split("\\s+");
        return new Sample(name, labels, number(rest[0]));
    }

    /** Reads {@code key="value",…}} from {@code i}; returns the index after the closing brace. */
    private static int labels(String line, int i, Map<String, String> into) {
        while (true) {
            while (line.charAt(i) == ' ' || line.charAt(i) == ',') {
                i++;
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).strip();
            if (line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("label " + key + " has no quoted value");
            }
            StringBuilder value = new StringBuilder();
            i = eq + 2;
            for (char c = line.charAt(i); c != '"'; c = line.charAt(++i)) {
                if (c == '\\') {
                    char escaped = line.charAt(++i);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            into.put(key, value.toString());
            i++;
        }
    }

    private static double number(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
