package io.anju.gateway.http;

/** What {@code /health} reports; implemented by the server from its live state. */
public interface HealthSource {

    /** True while the gateway can take messages (ingest available, not shutting down). */
    boolean up();

    int connections();

    /** True while the log's backpressure keeps device sockets from being read. */
    boolean paused();

    int pausedChannels();
}
