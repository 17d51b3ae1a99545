package io.anju.cases.api;

import io.anju.cases.auth.TokenService;
import io.anju.cases.auth.UserStore;
import io.anju.cases.model.Principal;
import io.anju.cases.text.CaseTexts;
import io.anju.common.text.Lang;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.util.function.Function;

/**
 * Who a request acts for. The bearer handler has checked the token; the account is then read again so that
 * disabling a user or changing their role or scope takes effect at once instead of when their token expires.
 */
final class Callers {
    private final TokenService tokens;
    private final UserStore users;
    private final CaseTexts texts;

    Callers(TokenService tokens, UserStore users, CaseTexts texts) {
        this.tokens = tokens;
        this.users = users;
        this.texts = texts;
    }

    /** The language the request asks for: {@code ?lang=}, else {@code Accept-Language}, else Chinese. */
    static Lang lang(RoutingContext ctx) {
        return Lang.ofRequest(ctx.request().getParam("lang"), ctx.request().getHeader("Accept-Language"));
    }

    /** Cases, pages of cases and case details in the request's language. */
    <T> T localize(RoutingContext ctx, T result) {
        @SuppressWarnings("unchecked")
        T localized = (T) texts.localize(result, lang(ctx));
        return localized;
    }

    Future<Principal> of(RoutingContext ctx) {
        Principal claimed;
        try {
            claimed = tokens.principalOf(ctx.user());
        } catch (RuntimeException e) {
            return Future.failedFuture(new HttpException(401, e));
        }
        return users.find(claimed.name()).map(account -> {
            if (account.isEmpty() || account.get().disabled()) {
                throw new HttpException(401, "account disabled or removed");
            }
            return account.get().principal();
        });
    }

    /**
     * Answers {@code status} with what {@code call} yields for the caller, or fails the request with what went wrong
     * (a refusal thrown while building the call included), for the API's error handler to say why.
     */
    void respond(RoutingContext ctx, int status, Function<Principal, Future<?>> call) {
        of(ctx).compose(who -> {
                    try {
                        return call.apply(who);
                    } catch (RuntimeException e) {
                        return Future.failedFuture(e);
                    }
                })
                .onSuccess(result -> HttpJson.send(ctx, status, localize(ctx, result)))
                .onFailure(ctx::fail);
    }
}
