package io.anju.cases.notify;

/** One server-sent event: id (the audit seq), event (the notice kind), data (the notice JSON). */
record SseFrame(long seq, String kind, String json) {

    String text() {
        // JSON from PostgreSQL is one line; any line break still has to start a new data field.
        return "id: " + seq + "\nevent: " + kind + "\ndata: " + json.replace("\n", "\ndata: ") + "\n\n";
    }
}
