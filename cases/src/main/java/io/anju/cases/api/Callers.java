package io.anju.cases.api;

import io.anju.cases.auth.TokenService;
import io.anju.cases.auth.UserStore;
import io.anju.cases.model.Principal;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * Who a request acts for. The bearer handler has checked the token; the account is then read again so that
 * disabling a user or changing their role or scope takes effect at once instead of when their token expires.
 */
final class Callers {
    private final TokenService tokens;
    private final UserStore users;

    Callers(TokenService tokens, UserStore users) {
        this.tokens = tokens;
        this.users = users;
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
}
