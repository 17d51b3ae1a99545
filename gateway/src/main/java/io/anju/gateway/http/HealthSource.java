package io.anju.gateway.http;

/** What {@code /health} reports; implemented by the server from its live state. */
public interface HealthSource {

    /** True while the gateway can take messages (Kafka answers, not shutting down). */
    boolean up();

    /** True while the Kafka cluster answers (see {@code io.anju.common.topic.KafkaProbe}). */
    boolean kafka();

    int connections();

    /** True while the log's backpressure keeps device sockets from being read. */
    boolean paused();

    int pausedChannels();
}
