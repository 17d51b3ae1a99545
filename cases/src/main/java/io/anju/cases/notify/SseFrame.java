package io.anju.cases.notify;

import io.anju.common.sse.SseText;

/** One server-sent event: id (the audit seq), event (the notice kind), data (the notice JSON). */
record SseFrame(long seq, String kind, String json) {

    String text() {
        return SseText.event(Long.toString(seq), kind, json);
    }
}
