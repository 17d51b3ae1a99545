package io.anju.jobs.alert;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;

import java.util.List;
import java.util.Locale;

/** An alert's facts as short lines for assertions: {@code powerW 1001 W / 1000}, {@code smoke = detected}. */
public final class FactLines {
    private FactLines() {
    }

    public static List<String> of(Alert a) {
        return a.facts().stream().map(FactLines::line).toList();
    }

    static String line(AlertFact f) {
        if (f.text() != null) {
            return f.name() + " = " + f.text();
        }
        return f.name() + " " + number(f.value()) + (f.unit() == null ? "" : " " + f.unit())
                + (f.threshold() == null ? "" : " / " + number(f.threshold()));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
