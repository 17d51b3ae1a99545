package io.anju.dashboards.live;

import io.anju.dashboards.session.ScopeView;
import io.anju.dashboards.session.SessionGuard;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** What a live request may see: the scope of its signed-in viewer, or a failure (401) when nobody is signed in. */
@FunctionalInterface
public interface LiveAccess {

    Future<ScopeView> scope(RoutingContext ctx);

    static LiveAccess of(SessionGuard guard) {
        return ctx -> guard.viewer(ctx).map(guard::scope);
    }
}
