package io.anju.cases.notify;

import io.anju.common.config.Require;

import java.time.Duration;

/**
 * The live event stream. Settings {@code notify.sse.*}.
 *
 * @param heartbeat        a comment line this often keeps proxies from closing an idle stream (default 15 s)
 * @param maxBufferedBytes bytes a connection may have waiting to be sent; a connection that falls further behind is
 *                         closed and reconnects with Last-Event-ID (default 256 KiB)
 * @param replayLimit      notices replayed on a reconnect at most; beyond it the client gets a {@code resync} event
 *                         and should reload its view (default 1000)
 * @param retry            the reconnect delay suggested to browsers (default 3 s)
 */
public record SseSettings(Duration heartbeat, int maxBufferedBytes, int replayLimit, Duration retry) {

    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024;
    public static final int DEFAULT_REPLAY_LIMIT = 1000;
    public static final Duration DEFAULT_RETRY = Duration.ofSeconds(3);

    public SseSettings {
        Require.positive("notify.sse.heartbeat", heartbeat);
        Require.atLeast("notify.sse.maxBufferedBytes", maxBufferedBytes, 4096);
        Require.between("notify.sse.replayLimit", replayLimit, 1, 100_000);
        Require.positive("notify.sse.retry", retry);
    }

    public static SseSettings defaults() {
        return new SseSettings(DEFAULT_HEARTBEAT, DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_REPLAY_LIMIT, DEFAULT_RETRY);
    }
}
