package io.anju.dashboards.reply;

/**
 * A request that ends with an error answer {@code {"error": kind, "message": ...}}. Fail the routing context with it
 * ({@code ctx.fail(ApiError.forbidden(..))} or a failed future); the router's failure handler writes the answer.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String kind;

    public ApiError(int status, String kind, String message) {
        super(message, null, false, false);
        this.status = status;
        this.kind = kind;
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
}
