package io.anju.dashboards.live;

import io.anju.dashboards.session.ScopeView;
import io.anju.dashboards.session.SessionGuard;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** What a live request may see: the scope of its signed-in viewer, or a failure (401) when nobody is signed in. */
public interface LiveAccess {

    Future<ScopeView> scope(RoutingContext ctx);

    /** Ties an open live stream to the caller's sign-in, so that it closes when that ends or changes. */
    void holdOpen(RoutingContext ctx, HttpServerResponse stream);

    static LiveAccess of(SessionGuard guard) {
        return new LiveAccess() {
            @Override
            public Future<ScopeView> scope(RoutingContext ctx) {
                return guard.viewer(ctx).map(guard::scope);
            }

            @Override
            public void holdOpen(RoutingContext ctx, HttpServerResponse stream) {
                guard.holdOpen(ctx, stream);
            }
        };
    }
}
