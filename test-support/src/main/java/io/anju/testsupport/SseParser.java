package io.anju.testsupport;

import java.util.function.BiConsumer;

/**
 * Server-sent events, line by line: {@code event:} and {@code data:} fields up to a blank line make one event;
 * comment lines ({@code :}) and other fields are skipped. Not thread-safe: one reader feeds it.
 */
final class SseParser {
    private final BiConsumer<String, String> onEvent;
    private String event = "message";
    private StringBuilder data;

    /** @param onEvent called with the event name and its data for every complete event */
    SseParser(BiConsumer<String, String> onEvent) {
        this.onEvent = onEvent;
    }

    void line(String line) {
        if (line.isEmpty()) {
            if (data != null) {
                onEvent.accept(event, data.toString());
            }
            event = "message";
            data = null;
        } else if (line.startsWith("event:")) {
            event = value(line, 6);
        } else if (line.startsWith("data:")) {
            data = data == null ? new StringBuilder() : data.append('\n');
            data.append(value(line, 5));
        }
    }

    private static String value(String line, int from) {
        String v = line.substring(from);
        return v.startsWith(" ") ? v.substring(1) : v;
    }
}
