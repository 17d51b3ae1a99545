package io.anju.conformance.check;

import java.util.Locale;

/** A plausible range of a reading, with its unit, for the units check. */
record Range(String field, double min, double max, String unit) {

    boolean holds(double value) {
        return value >= min && value <= max;
    }

    String describe() {
        return String.format(Locale.ROOT, "%s %s–%s %s", field, num(min), num(max), unit);
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
