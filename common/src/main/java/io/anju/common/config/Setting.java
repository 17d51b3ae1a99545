package io.anju.common.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One setting of a service: its key, kind, default, bounds (or allowed values) and a one-line description. A service
 * lists its settings in one table and loads them with {@link ConfigValues}, which parses, validates and documents them.
 */
public record Setting(String key, Kind kind, String defaultValue, String min, String max, String description,
                      List<String> choices) {

    /** How a value is written and checked. */
    public enum Kind { STRING, INT, LONG, DOUBLE, BOOLEAN, DURATION, PORT, CHOICE }

    public Setting {
        choices = List.copyOf(choices);
    }

    private Setting(String key, Kind kind, String defaultValue, String min, String max, String description) {
        this(key, kind, defaultValue, min, max, description, List.of());
    }

    public static Setting string(String key, String def, String description) {
        return new Setting(key, Kind.STRING, def, null, null, description);
    }

    /** A word from a fixed list, e.g. a compression codec. */
    public static Setting choice(String key, String def, List<String> choices, String description) {
        Require.oneOf(key, def, choices);
        return new Setting(key, Kind.CHOICE, def, null, null, description, choices);
    }

    public static Setting bool(String key, boolean def, String description) {
        return new Setting(key, Kind.BOOLEAN, Boolean.toString(def), null, null, description);
    }

    public static Setting port(String key, int def, String description) {
        return new Setting(key, Kind.PORT, Integer.toString(def), "0", "65535", description);
    }

    public static Setting integer(String key, long def, long min, long max, String description) {
        return new Setting(key, Kind.INT, Long.toString(def), Long.toString(min), Long.toString(max), description);
    }

    public static Setting longValue(String key, long def, long min, long max, String description) {
        return new Setting(key, Kind.LONG, Long.toString(def), Long.toString(min), Long.toString(max), description);
    }

    public static Setting decimal(String key, double def, double min, double max, String description) {
        return new Setting(key, Kind.DOUBLE, Double.toString(def), Double.toString(min), Double.toString(max), description);
    }

    public static Setting duration(String key, String def, String min, String max, String description) {
        return new Setting(key, Kind.DURATION, def, min, max, description);
    }

    /** The bounds or allowed values as the documentation shows them; empty when any value goes. */
    public String bounds() {
        if (kind == Kind.CHOICE) {
            return String.join(", ", choices);
        }
        return min == null ? "" : min + " … " + max;
    }

    /** The environment variable that overrides this setting: {@code mqtt.tls.port} → {@code ANJU_MQTT_TLS_PORT}. */
    public String envName() {
        return envName("ANJU_");
    }

    /** The overriding variable under a service's own prefix: {@code http.port} → {@code ANJU_CASES_HTTP_PORT}. */
    public String envName(String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        for (char c : key.toCharArray()) {
            if (c == '.' || c == '-') {
                sb.append('_');
            } else if (Character.isUpperCase(c)) {
                sb.append('_').append(c);
            } else {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
    }

    /** Parses and bounds-checks a raw value; the exception message names the setting and its bounds. */
    public Object parse(String raw) {
        return parse(raw, "ANJU_");
    }

    /** As {@link #parse(String)}; the message names the variable under the service's environment prefix. */
    public Object parse(String raw, String envPrefix) {
        try {
            return parseValue(raw);
        } catch (Invalid e) {
            throw invalid(envPrefix, e.value, e.getMessage());
        } catch (NumberFormatException e) {
            throw invalid(envPrefix, raw, "not a valid " + kind.name().toLowerCase(Locale.ROOT));
        }
    }

    private Object parseValue(String raw) {
        String value = raw.trim();
        return switch (kind) {
            case STRING -> value;
            case CHOICE -> checkChoice(value);
            case BOOLEAN -> parseBoolean(value);
            case INT, PORT -> (int) checkLong(Long.parseLong(value));
            case LONG -> checkLong(Long.parseLong(value));
            case DOUBLE -> checkDouble(Double.parseDouble(value));
            case DURATION -> checkDuration(parseDuration(value));
        };
    }

    private boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new Invalid(value, "expected true or false");
    }

    private String checkChoice(String v) {
        if (!choices.contains(v)) {
            throw new Invalid(v, "must be one of " + String.join(", ", choices));
        }
        return v;
    }

    private long checkLong(long v) {
        if (v < Long.parseLong(min) || v > Long.parseLong(max)) {
            throw new Invalid(Long.toString(v), "must be between " + min + " and " + max);
        }
        return v;
    }

    private double checkDouble(double v) {
        if (!(v >= Double.parseDouble(min) && v <= Double.parseDouble(max))) {
            throw new Invalid(Double.toString(v), "must be between " + min + " and " + max);
        }
        return v;
    }

    private Duration checkDuration(Duration d) {
        if (d.compareTo(parseDuration(min)) < 0 || d.compareTo(parseDuration(max)) > 0) {
            throw new Invalid(format(d), "must be between " + min + " and " + max);
        }
        return d;
    }

    private IllegalArgumentException invalid(String envPrefix, String value, String why) {
        return Require.failure(key + " (" + envName(envPrefix) + ")", value, why);
    }

    /** A value out of bounds or of the wrong form; {@link #parse} turns it into the message that names the setting. */
    private static final class Invalid extends RuntimeException {
        private final String value;

        Invalid(String value, String why) {
            super(why, null, false, false);
            this.value = value;
        }
    }

    /** Durations are written {@code <n>ms}, {@code <n>s}, {@code <n>m} or {@code <n>h}. */
    public static Duration parseDuration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.isEmpty()) {
            throw new NumberFormatException("empty duration");
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new NumberFormatException("unit must be ms, s, m or h: " + value);
        };
    }

    /** {@code d} in its largest whole unit, as {@link #parseDuration} reads it: {@code 10m}, {@code 1500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 != 0 ? ms + "ms" : ms / 1000 + "s";
    }
}
