package io.anju.gateway.mqtt.connection;

import java.time.Duration;

/** The per-connection protocol limits; built from the gateway's settings table by {@code GatewayConfig.mqttLimits()}. */
public record MqttLimits(
        int maxPacketBytes,
        int maxClientIdLength,
        Duration connectTimeout,
        double keepAliveFactor,
        int messagesPerSecond,
        int messageBurst,
        int inflightPerConnection) {
}
