package io.anju.dashboards.reply;

/**
 * A request that ends with an error answer {@code {"error": kind, "message", "detail"}}. Fail the routing context with
 * it ({@code ctx.fail(ApiError.forbidden(..))} or a failed future); the router's failure handler writes the answer
 * ({@link JsonReplies#error(io.vertx.ext.web.RoutingContext, ApiError)}). Its own message is the English detail; the
 * message people read is worded from its kind in their language ({@link ErrorWords}), unless it is
 * {@link #relayed}.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String kind;
    private final boolean relayed;

    public ApiError(int status, String kind, String message) {
        this(status, kind, message, false);
    }

    private ApiError(int status, String kind, String message, boolean relayed) {
        super(message, null, false, false);
        this.status = status;
        this.kind = kind;
        this.relayed = relayed;
    }

    /** The case service's refusal, its message already in the reader's language: answered as it is. */
    public static ApiError relayed(int status, String kind, String message) {
        return new ApiError(status, kind, message, true);
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "unauthorized", "sign in first");
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "invalid", message);
    }

    public static ApiError unavailable(String kind, String message) {
        return new ApiError(503, kind, message);
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public boolean relayed() {
        return relayed;
    }
}
