package io.anju.gateway.auth;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;

/** Why a CONNECT was accepted or refused, and the CONNACK code that tells the device. */
public enum AuthOutcome {
    ACCEPTED(MqttConnectReturnCode.CONNECTION_ACCEPTED, MqttConnectReturnCode.CONNECTION_ACCEPTED),
    /** Client id empty, or not the username / certificate CN. */
    CLIENT_ID_INVALID(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
            MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID),
    /** Client id longer than {@code limits.maxClientIdLength} (Netty's decoder bounds it only for MQTT 3.1). */
    CLIENT_ID_TOO_LONG(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
            MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID),
    /** Unknown device, wrong secret, bad or expired token, or no password. */
    BAD_CREDENTIALS(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD,
            MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD),
    /** The device is disabled in the registry, or its Will is not on its own status topic. */
    NOT_AUTHORIZED(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
            MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5),
    /** The device connected too often within a minute and is banned for a while. */
    BANNED(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
            MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED);

    private final MqttConnectReturnCode mqtt3;
    private final MqttConnectReturnCode mqtt5;

    AuthOutcome(MqttConnectReturnCode mqtt3, MqttConnectReturnCode mqtt5) {
        this.mqtt3 = mqtt3;
        this.mqtt5 = mqtt5;
    }

    public MqttConnectReturnCode connAckCode(boolean isMqtt5) {
        return isMqtt5 ? mqtt5 : mqtt3;
    }
}
