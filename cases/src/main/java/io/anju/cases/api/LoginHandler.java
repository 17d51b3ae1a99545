package io.anju.cases.api;

import io.anju.cases.auth.AuthenticationFailedException;
import io.anju.cases.auth.TokenService;
import io.anju.cases.auth.UserStore;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** POST /auth/login: name and password for a token, within the {@link LoginThrottle}'s limits. */
final class LoginHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(LoginHandler.class);

    private final UserStore users;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final SignInSource sources;
    private final Runnable onFailure;
    private final Runnable onThrottled;

    LoginHandler(UserStore users, TokenService tokens, LoginThrottle throttle, SignInSource sources,
                 Runnable onFailure, Runnable onThrottled) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.sources = sources;
        this.onFailure = onFailure;
        this.onThrottled = onThrottled;
    }

    @Override
    public void handle(RoutingContext ctx) {
        JsonObject body = RequestReader.validated(ctx).getBody().getJsonObject();
        String name = body.getString("name");
        String source = sources.of(ctx.request());
        Optional<LoginThrottle.Refusal> refused = throttle.admit(name, source);
        if (refused.isPresent()) {
            onThrottled.run();
            ctx.fail(new TooManyAttemptsException(refused.get()));
            return;
        }
        users.authenticate(name, body.getString("password"))
                .onSuccess(who -> {
                    throttle.succeeded(name, source);
                    TokenService.IssuedToken token = tokens.issue(who);
                    Map<String, Object> reply = new LinkedHashMap<>();
                    reply.put("token", token.token());
                    reply.put("expires", token.expires());
                    reply.put("role", who.role());
                    reply.put("scope", who.scope().stream().sorted().toList());
                    LOG.info("{} signed in as {}", who.name(), who.role().wireName());
                    HttpJson.send(ctx, 200, reply);
                })
                .onFailure(e -> {
                    if (e instanceof AuthenticationFailedException) {
                        throttle.failed(name, source);
                        onFailure.run();
                        LOG.info("failed sign-in for '{}' from {}", name.replaceAll("\\p{Cntrl}", "?"), source);
                    }
                    ctx.fail(e);
                });
    }
}
