package io.anju.dashboards.session;

import io.anju.dashboards.reply.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

/**
 * Signs a person in with the case service: {@code POST /api/v1/auth/login} for a token, then {@code GET /api/v1/me}
 * for their role and scope. A refusal keeps the case service's status and message; an unreachable case service is
 * a 502.
 */
public final class CaseSignIn {
    private static final Logger LOG = LoggerFactory.getLogger(CaseSignIn.class);

    private final WebClient client;
    private final String casesUrl;
    private final long timeoutMs;

    public CaseSignIn(WebClient client, String casesUrl, Duration timeout) {
        this.client = client;
        this.casesUrl = casesUrl;
        this.timeoutMs = timeout.toMillis();
    }

    /** The viewer and when their case-service token expires (null when the case service did not say). */
    public record SignedIn(Viewer viewer, Instant tokenExpires) {
    }

    public Future<SignedIn> signIn(String name, String password) {
        return signIn(name, password, null, null);
    }

    /**
     * Signs in; a refusal's message comes in {@code acceptLanguage} (the UI's language; null: Chinese). The browser's
     * address goes along as {@code X-Forwarded-For}: the case service limits sign-in attempts per source.
     */
    public Future<SignedIn> signIn(String name, String password, String acceptLanguage, String sourceAddress) {
        HttpRequest<Buffer> request = client.postAbs(casesUrl + "/api/v1/auth/login").timeout(timeoutMs);
        if (acceptLanguage != null) {
            request.putHeader("Accept-Language", acceptLanguage);
        }
        if (sourceAddress != null) {
            request.putHeader("X-Forwarded-For", sourceAddress);
        }
        return request.sendJsonObject(new JsonObject().put("name", name).put("password", password))
                .recover(CaseSignIn::unreachable)
                .compose(answer -> {
                    if (answer.statusCode() != 200) {
                        return Future.failedFuture(refusal(answer));
                    }
                    JsonObject body = answer.bodyAsJsonObject();
                    String token = body.getString("token");
                    return me(token).map(viewer -> new SignedIn(viewer, parseInstant(body.getString("expires"))));
                });
    }

    /**
     * The person as the case service knows them now, by their token; a refusal (a disabled account, an expired
     * token) fails with the case service's status, an unreachable case service with a 502.
     */
    public Future<Viewer> me(String token) {
        return client.getAbs(casesUrl + "/api/v1/me").timeout(timeoutMs)
                .putHeader("Authorization", "Bearer " + token)
                .send()
                .recover(CaseSignIn::unreachable)
                .compose(me -> {
                    if (me.statusCode() != 200) {
                        return Future.failedFuture(refusal(me));
                    }
                    JsonObject body = me.bodyAsJsonObject();
                    Set<String> scope = new HashSet<>();
                    JsonArray units = body.getJsonArray("scope", new JsonArray());
                    units.forEach(u -> scope.add(String.valueOf(u)));
                    return Future.succeededFuture(new Viewer(body.getString("name"), body.getString("role"), scope,
                            body.getString("displayName"), token));
                });
    }

    /**
     * The case service's own answer, as an error with its status; its message is in the reader's language already
     * (the sign-in and the proxy pass the UI's on), so it is answered as it is.
     */
    static ApiError refusal(HttpResponse<Buffer> response) {
        try {
            JsonObject body = response.bodyAsJsonObject();
            if (body != null && body.getString("message") != null) {
                return ApiError.relayed(response.statusCode(), body.getString("error", "unauthorized"),
                        body.getString("message"));
            }
        } catch (RuntimeException notJson) {
            LOG.debug("case service answered {} without a JSON body", response.statusCode());
        }
        return new ApiError(response.statusCode(), "unauthorized",
                "the case service refused (HTTP " + response.statusCode() + ")");
    }

    static <T> Future<T> unreachable(Throwable e) {
        LOG.warn("case service unreachable: {}", e.toString());
        return Future.failedFuture(new ApiError(502, "cases_unavailable", "the case service does not answer"));
    }

    private static Instant parseInstant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            LOG.debug("case service token expiry '{}' is not an ISO instant", text);
            return null;
        }
    }
}
