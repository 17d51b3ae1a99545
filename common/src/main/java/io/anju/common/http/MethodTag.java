package io.anju.common.http;

import java.util.Set;

/**
 * The {@code method} tag of request metrics: the methods the services know, every other one {@value #OTHER}. A
 * client may send any token as a method; tagging it raw would make a new time series per token.
 */
public final class MethodTag {
    public static final String OTHER = "OTHER";
    private static final Set<String> KNOWN = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private MethodTag() {
    }

    public static String of(String method) {
        return method != null && KNOWN.contains(method) ? method : OTHER;
    }
}
