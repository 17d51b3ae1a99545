package io.anju.gateway.mqtt;

import io.anju.gateway.config.GatewayConfig;

import java.time.Duration;

/** The per-connection protocol limits, taken from {@link GatewayConfig}. */
public record MqttLimits(
        int maxPacketBytes,
        int maxClientIdLength,
        Duration connectTimeout,
        double keepAliveFactor,
        int messagesPerSecond,
        int messageBurst,
        int inflightPerConnection) {

    public static MqttLimits from(GatewayConfig c) {
        return new MqttLimits(c.limitsMaxPacketBytes(), c.limitsMaxClientIdLength(), c.limitsConnectTimeout(),
                c.limitsKeepAliveFactor(), c.limitsMessagesPerSecond(), c.limitsMessageBurst(), c.limitsInflightPerConnection());
    }
}
