package io.anju.dashboards.live;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a server-sent event stream in whatever chunks it arrives: bytes are kept until a blank line ends a frame, so
 * a frame (or a UTF-8 character) split over two chunks is read whole. Comment lines are skipped.
 */
final class SseParser {
    /** One event: its id, name and data (several data lines joined by newlines); null parts were not sent. */
    record Frame(String id, String event, String data) {
    }

    private Buffer pending = Buffer.buffer();

    /** Adds a chunk; every frame it completes goes to {@code frames}, in order. */
    void feed(Buffer chunk, Consumer<Frame> frames) {
        pending.appendBuffer(chunk);
        int start = 0;
        for (int i = 0; i < pending.length(); i++) {
            if (pending.getByte(i) == '\n' && i > start && endsBlankLine(i)) {
                frame(pending.getString(start, i, StandardCharsets.UTF_8.name()), frames);
                start = i + 1;
            }
        }
        pending = start == 0 ? pending : pending.getBuffer(start, pending.length());
    }

    /** The newline at {@code i} closes an empty line: the previous character (after any CR) is a newline too. */
    private boolean endsBlankLine(int i) {
        int j = i - 1;
        if (j >= 0 && pending.getByte(j) == '\r') {
            j--;
        }
        return j >= 0 && pending.getByte(j) == '\n';
    }

    private static void frame(String text, Consumer<Frame> frames) {
        String id = null;
        String event = null;
        StringBuilder data = null;
        for (String raw : text.split("\n")) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isEmpty() || line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            value = value.startsWith(" ") ? value.substring(1) : value;
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { } // retry and unknown fields: nothing to relay
            }
        }
        if (id != null || event != null || data != null) {
            frames.accept(new Frame(id, event, data == null ? null : data.toString()));
        }
    }
}
