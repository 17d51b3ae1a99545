package io.anju.cases.notify;

import java.net.URI;
import java.time.Duration;

/** Checks shared by the notification and command settings: each failure names the setting and the value it had. */
public final class Settings {

    private Settings() {
    }

    public static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static void positive(Duration d, String name) {
        require(d != null && !d.isNegative() && !d.isZero(), name + " must be > 0 (was " + d + ")");
    }

    /** {@code url} as an http(s) URI with a host; else a failure naming {@code prefix}.url. */
    public static URI httpUrl(String prefix, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + ".url is not a URL (was " + url + ")", e);
        }
        require(("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null,
                prefix + ".url must be an http(s) URL with a host (was " + url + ")");
        return uri;
    }
}
