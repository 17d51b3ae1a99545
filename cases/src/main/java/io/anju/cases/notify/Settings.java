package io.anju.cases.notify;

import io.anju.common.config.Require;

import java.net.URI;

/** Rules shared by the notification and command settings, on {@link Require}: each names the setting it checks. */
public final class Settings {

    private Settings() {
    }

    /** {@code url} as an http(s) URI with a host; else a failure naming {@code prefix}.url. */
    public static URI httpUrl(String prefix, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw Require.failure(prefix + ".url", url, "is not a URL: " + e.getMessage());
        }
        Require.that(("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null,
                prefix + ".url", url, "must be an http(s) URL with a host");
        return uri;
    }

    /** A signing secret of at least {@code min} characters once {@code prefix}.url is set; never shown, only counted. */
    public static void secret(String prefix, String secret, int min) {
        int length = secret == null ? 0 : secret.length();
        Require.that(length >= min, prefix + ".secret", length + " characters",
                "must have at least " + min + " characters when " + prefix + ".url is set");
    }

    /** A channel needs its URL: it is only built when {@code prefix}.url is set. */
    public static void urlFor(String name, boolean enabled) {
        Require.that(enabled, "notify." + name + ".url", "", "is required for the " + name + " channel");
    }
}
