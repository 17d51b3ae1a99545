package io.anju.gateway.http;

/** What {@code /health} reports; implemented by the server from its live state. */
public interface HealthSource {

    /** True while the gateway can take messages (Kafka answers, disk space is not low, not shutting down). */
    boolean up();

    /** True while the Kafka cluster answers (see {@code io.anju.common.topic.KafkaProbe}). */
    boolean kafka();

    int connections();

    /** True while the log's backpressure, or low disk space, keeps device sockets from being read. */
    boolean paused();

    /** {@code ok}, or why the disk stops ingest: {@code low: 812 MiB free under data.dir (needs 1024 MiB)}. */
    String disk();

    int pausedChannels();
}
