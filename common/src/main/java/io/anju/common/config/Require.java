package io.anju.common.config;

import java.time.Duration;
import java.util.Collection;

/**
 * The one way to check a setting's value, wherever it is checked (a settings table, a cross-setting rule, a settings
 * record built in code): a failure is an {@link IllegalArgumentException} that names the setting, the value and the
 * rule, e.g. {@code setting kafka.lingerMs = '2000': must be between 0 and 1000}.
 */
public final class Require {
    private Require() {
    }

    /** Fails naming {@code setting} (a key, a flag, or a key with its environment variable) unless {@code ok}. */
    public static void that(boolean ok, String setting, Object value, String rule) {
        if (!ok) {
            throw failure(setting, value, rule);
        }
    }

    /** The failure {@link #that} throws, for a caller that has already decided the value is wrong. */
    public static IllegalArgumentException failure(String setting, Object value, String rule) {
        return new IllegalArgumentException("setting " + setting + " = '" + shown(value) + "': " + rule);
    }

    public static long between(String setting, long value, long min, long max) {
        that(value >= min && value <= max, setting, value, "must be between " + min + " and " + max);
        return value;
    }

    public static long atLeast(String setting, long value, long min) {
        that(value >= min, setting, value, "must be at least " + min);
        return value;
    }

    /** A finite number above 0 (NaN and infinity are no setting's value). */
    public static double positive(String setting, double value) {
        that(value > 0 && Double.isFinite(value), setting, value, "must be positive");
        return value;
    }

    public static Duration positive(String setting, Duration value) {
        that(value != null && value.compareTo(Duration.ZERO) > 0, setting, value, "must be positive");
        return value;
    }

    public static Duration between(String setting, Duration value, Duration min, Duration max) {
        that(value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0, setting, value,
                "must be between " + Setting.format(min) + " and " + Setting.format(max));
        return value;
    }

    /** Text that is there: not null, not only blanks. */
    public static String present(String setting, String value) {
        that(value != null && !value.isBlank(), setting, value, "is required");
        return value;
    }

    public static <T> T oneOf(String setting, T value, Collection<T> allowed) {
        that(allowed.contains(value), setting, value, "must be one of " + String.join(", ", allowed.stream().map(String::valueOf).toList()));
        return value;
    }

    /** A duration as a user writes it ({@code 10m}, not {@code PT10M}); any other value as it is. */
    private static Object shown(Object value) {
        return value instanceof Duration d ? Setting.format(d) : value;
    }
}
