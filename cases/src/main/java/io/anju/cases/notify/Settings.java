package io.anju.cases.notify;

import java.time.Duration;

/** Checks shared by the notification settings: each failure names the setting and the value it had. */
final class Settings {

    private Settings() {
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    static void positive(Duration d, String name) {
        require(d != null && !d.isNegative() && !d.isZero(), name + " must be > 0 (was " + d + ")");
    }
}
