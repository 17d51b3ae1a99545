package io.anju.common.sse;

/**
 * The text of server-sent events (the WHATWG {@code text/event-stream} format), written once for every stream the
 * services serve. A line break inside a field would end it early and let the rest be read as fields of their own, so
 * every data line gets its own {@code data:} field, and breaks in an id, an event name or a comment are replaced.
 */
public final class SseText {

    private SseText() {
    }

    /** An event; {@code id} may be null (an event with no id leaves the client's last event id as it was). */
    public static String event(String id, String name, String data) {
        StringBuilder out = new StringBuilder(data.length() + 64);
        if (id != null) {
            out.append("id: ").append(oneLine(id)).append('\n');
        }
        out.append("event: ").append(oneLine(name)).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        return out.append('\n').toString();
    }

    /** A comment line, which clients ignore: a heartbeat, or what a connection is for. */
    public static String comment(String text) {
        return ": " + oneLine(text) + "\n\n";
    }

    /** How long a client waits before reconnecting, then a comment saying the stream is connected. */
    public static String opening(long retryMs) {
        return "retry: " + retryMs + "\n" + comment("connected");
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\r\n]+", " ");
    }
}
