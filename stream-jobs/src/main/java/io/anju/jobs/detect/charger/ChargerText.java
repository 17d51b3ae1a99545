package io.anju.jobs.detect.charger;

import java.util.Locale;

/** Figures as people read them in alert summaries. */
final class ChargerText {
    private ChargerText() {
    }

    static String watts(double w) {
        return String.format(Locale.ROOT, "%,.0f W", w);
    }

    static String duration(long ms) {
        long s = Math.max(0, ms) / 1000;
        if (s < 60) {
            return s + " s";
        }
        long min = s / 60;
        long rest = s % 60;
        return rest == 0 ? min + " min" : min + " min " + rest + " s";
    }

    static String port(String deviceId, int port) {
        return "Port " + port + " of " + deviceId;
    }
}
