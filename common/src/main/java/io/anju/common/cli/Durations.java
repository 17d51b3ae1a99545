package io.anju.common.cli;

import java.util.Locale;

/** Durations on the command line: {@code 45} or {@code 45s}, {@code 10m}, {@code 2h}. */
public final class Durations {
    private Durations() {
    }

    public static long parseMillis(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1000;
        if (t.endsWith("ms")) {
            unit = 1;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60_000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unit = 3_600_000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t.trim());
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a positive duration like 90s, 10m or 2h, was '"
                    + text + "'");
        }
    }
}
