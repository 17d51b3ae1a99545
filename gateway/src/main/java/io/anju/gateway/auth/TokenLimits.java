package io.anju.gateway.auth;

import io.anju.common.auth.DeviceToken;

/**
 * The rules for signed-token passwords; built from the gateway's settings table by {@code GatewayConfig.tokenLimits()}.
 *
 * @param window         how old ({@code auth.tokenWindow}) and how far ahead of the gateway clock
 *                       ({@code auth.tokenClockSkew}) a token's time may be
 * @param replayCapacity most used tokens remembered at once ({@code auth.tokenReplayCapacity}); when that many are
 *                       still within their window, further token logins are refused rather than a used token forgotten
 */
public record TokenLimits(DeviceToken.Window window, int replayCapacity) {
}
