package io.anju.common.http;

import io.vertx.core.http.HttpServerResponse;

/**
 * The headers every answer of a Vert.x service carries: no MIME sniffing, no framing by other sites, no referrer to
 * other origins, and a content security policy. Pages of their own (the dashboards' front end, the acknowledge page)
 * pass a policy that lets their own files run; everything else gets {@link #API_POLICY}, which lets nothing run.
 */
public final class SecurityHeaders {
    /** For JSON, text and images: nothing may load or run, and nobody may frame the answer. */
    public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private SecurityHeaders() {
    }

    public static void apply(HttpServerResponse response, String contentSecurityPolicy) {
        response.putHeader("Content-Security-Policy", contentSecurityPolicy)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "same-origin");
    }
}
