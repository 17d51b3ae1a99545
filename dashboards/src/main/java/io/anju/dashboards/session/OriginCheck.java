package io.anju.dashboards.session;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a request that changes something comes from the dashboards' own pages. Browsers name the page's origin in
 * {@code Origin} on every such request (and in {@code Referer}, unless a page hides it); it must be the service's own
 * origin (the scheme it is served with and the {@code Host} the browser asked for) or one of
 * {@code http.allowedOrigins} (the public origin when a TLS proxy stands in front). A request with neither header
 * comes from a program, not a page of another site, and passes here; the CSRF token still applies to it.
 */
public final class OriginCheck {
    private final Set<String> allowed;

    /** @param allowedOrigins {@code scheme://host[:port]} each; validated by {@link #parse} */
    public OriginCheck(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(OriginCheck::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** The {@code http.allowedOrigins} list; fails naming the setting on an entry that is not an origin. */
    public static List<String> parse(String setting) {
        List<String> origins = List.of(setting.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String origin : origins) {
            if (normalize(origin) == null || origin.replaceFirst("^[a-zA-Z]+://", "").contains("/")) {
                throw new IllegalArgumentException("setting http.allowedOrigins: '" + origin + "' is not an origin"
                        + " (scheme://host[:port], e.g. https://dashboards.example.org)");
            }
        }
        return origins;
    }

    /** Why this request is refused, or empty when its origin is the service's own or an allowed one. */
    public Optional<String> refusal(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        String claimed = origin;
        if (origin == null) {
            String referer = request.getHeader("Referer");
            if (referer == null) {
                return Optional.empty();
            }
            claimed = referer;
        }
        String normalized = normalize(claimed);
        HostAndPort host = request.authority();
        String hostName = host == null ? null : host.host().contains(":") && !host.host().startsWith("[")
                ? "[" + host.host() + "]" : host.host();
        String own = host == null ? null : normalize((request.isSSL() ? "https" : "http") + "://" + hostName
                + (host.port() > 0 ? ":" + host.port() : ""));
        if (normalized != null && (normalized.equals(own) || allowed.contains(normalized))) {
            return Optional.empty();
        }
        return Optional.of("a request from " + (origin != null ? "origin " : "page ") + claimed
                + " may not change anything here; only this service's own pages may");
    }

    /** {@code scheme://host[:port]} in lower case without a default port, or null when it is none. */
    static String normalize(String text) {
        if (text == null || text.equals("null")) {
            return null;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"));
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (Exception e) {
            return null;
        }
    }
}
