package io.anju.gateway.diagnostics;

import io.anju.common.diagnostics.DiagnosticEvent;

/** Where diagnostic records go; {@link #offer} never blocks, and false means the record was dropped. */
public interface DiagnosticsSink extends AutoCloseable {
    /** Takes nothing: for a gateway without a log (unit tests). */
    DiagnosticsSink NONE = new DiagnosticsSink() {
        @Override
        public boolean offer(DiagnosticEvent event) {
            return true;
        }

        @Override
        public void close() {
        }
    };

    boolean offer(DiagnosticEvent event);

    @Override
    void close();
}
