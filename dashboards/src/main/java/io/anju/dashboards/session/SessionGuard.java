package io.anju.dashboards.session;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Who is asking, from the session cookie, and what they may see. */
public interface SessionGuard {

    /** The signed-in viewer of the request; fails with an HTTP 401 error when nobody is signed in. */
    Future<Viewer> viewer(RoutingContext ctx);

    ScopeView scope(Viewer viewer);
}
