package io.anju.gateway.mqtt.connection;

import java.time.Duration;

/** The per-connection protocol limits; built from the gateway's settings table by {@code GatewayConfig.mqttLimits()}. */
public record MqttLimits(
        int maxPacketBytes,
        int maxConnectBytes,
        int maxControlPacketBytes,
        int maxClientIdLength,
        Duration connectTimeout,
        double keepAliveFactor,
        int messagesPerSecond,
        int messageBurst,
        int controlPacketsPerSecond,
        int controlPacketBurst,
        int inflightPerConnection,
        int maxUserProperties,
        int maxFiltersPerSubscribe,
        int maxFiltersPerConnection,
        Duration unwritableTimeout) {
}
