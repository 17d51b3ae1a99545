package io.anju.gateway.testing;

import io.anju.gateway.ingest.InboundMessage;
import io.anju.gateway.ingest.Ingest;
import io.anju.gateway.ingest.IngestResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-test {@link Ingest}: records every message; either completes each with a fixed result at once
 * ({@link #autoComplete}) or leaves the stage open for the test to complete ({@link #complete}).
 */
public final class RecordingIngest implements Ingest {
    private final List<InboundMessage> messages = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<IngestResult>> pending = new CopyOnWriteArrayList<>();
    private volatile IngestResult autoResult = IngestResult.ACCEPTED;
    private volatile BackpressureListener listener;
    private volatile int drains;

    /** Complete every later message with {@code result} immediately; null leaves them open. */
    public RecordingIngest autoComplete(IngestResult result) {
        this.autoResult = result;
        return this;
    }

    public RecordingIngest manual() {
        return autoComplete(null);
    }

    @Override
    public CompletionStage<IngestResult> accept(InboundMessage message) {
        messages.add(message);
        CompletableFuture<IngestResult> f = new CompletableFuture<>();
        pending.add(f);
        IngestResult r = autoResult;
        if (r != null) {
            f.complete(r);
        }
        return f;
    }

    /** Completes the {@code index}-th message (0-based, in arrival order). */
    public void complete(int index, IngestResult result) {
        pending.get(index).complete(result);
    }

    @Override
    public void setBackpressureListener(BackpressureListener listener) {
        this.listener = listener;
    }

    public BackpressureListener listener() {
        return listener;
    }

    @Override
    public void drain(Duration timeout) {
        drains++;
    }

    public int drains() {
        return drains;
    }

    public List<InboundMessage> messages() {
        return new ArrayList<>(messages);
    }
}
