package io.anju.testsupport;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a test started, closed in the reverse order: every part is closed even when one fails, and the first failure
 * is thrown at the end.
 */
public final class CloseStack implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Remembers {@code part} to be closed before everything pushed earlier; returns it. */
    public <T extends AutoCloseable> T push(T part) {
        started.push(part);
        return part;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
