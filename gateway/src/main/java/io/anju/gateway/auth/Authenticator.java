package io.anju.gateway.auth;

import io.anju.common.auth.DeviceToken;
import io.anju.common.auth.SecretHash;
import io.anju.common.model.Device;
import io.anju.common.model.PreviousSecret;
import io.anju.common.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Decides whether a CONNECT may proceed (device protocol v1, Authentication): client id = username = device id;
 * password = the device secret (checked in constant time against its salted hash) or a signed token; or a client
 * certificate whose CN is the device id. A disabled device is refused even with correct credentials. A signed token
 * is good for one CONNECT ({@link UsedTokens}): a device signs a fresh one for each.
 */
public final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    /** Compared against when the device is unknown, so an unknown id costs as much time as a wrong secret. */
    private static final String DUMMY_HASH = SecretHash.hash("unknown-device");
    private static final long NO_ROOM_LOG_EVERY_MS = 60_000;

    private final Supplier<Registry> registry;
    private final TokenSecrets tokenSecrets;
    private final TokenLimits tokenLimits;
    private final UsedTokens usedTokens;
    private final LongSupplier wallClockMs;
    private final AtomicBoolean tokenWarningLogged = new AtomicBoolean();
    /** When the last "no room for used tokens" warning was logged: one a minute is enough. */
    private final AtomicLong noRoomLoggedAtMs = new AtomicLong();

    /** @param registry the registry in use now (it changes while the gateway runs) */
    public Authenticator(Supplier<Registry> registry, TokenSecrets tokenSecrets, TokenLimits tokenLimits, LongSupplier wallClockMs) {
        this.registry = registry;
        this.tokenSecrets = tokenSecrets;
        this.tokenLimits = tokenLimits;
        this.usedTokens = new UsedTokens(tokenLimits.replayCapacity());
        this.wallClockMs = wallClockMs;
    }

    /** The outcome and, when accepted, the device. */
    public record Result(AuthOutcome outcome, Device device) {
        static Result refused(AuthOutcome outcome) {
            return new Result(outcome, null);
        }
    }

    /**
     * @param certificateCn CN of a verified client certificate (mutual TLS), or null
     */
    public Result authenticate(String clientId, String username, byte[] password, String certificateCn) {
        if (clientId == null || clientId.isEmpty()) {
            return Result.refused(AuthOutcome.CLIENT_ID_INVALID);
        }
        if (username != null && !username.equals(clientId)) {
            return Result.refused(AuthOutcome.CLIENT_ID_INVALID);
        }
        if (certificateCn != null && !certificateCn.equals(clientId)) {
            return Result.refused(AuthOutcome.CLIENT_ID_INVALID);
        }
        Optional<Device> device = registry.get().device(clientId);
        boolean credentialsOk;
        if (certificateCn != null) {
            credentialsOk = device.isPresent();
        } else if (username == null || password == null) {
            credentialsOk = false;
        } else {
            String presented = new String(password, StandardCharsets.UTF_8);
            if (device.isPresent()) {
                credentialsOk = checkPassword(device.get(), presented);
            } else {
                SecretHash.matches(presented, DUMMY_HASH); // same cost as a wrong secret; the result is irrelevant
                credentialsOk = false;
            }
        }
        if (!credentialsOk) {
            return Result.refused(AuthOutcome.BAD_CREDENTIALS);
        }
        if (!device.get().enabled()) {
            return Result.refused(AuthOutcome.NOT_AUTHORIZED);
        }
        return new Result(AuthOutcome.ACCEPTED, device.get());
    }

    private boolean checkPassword(Device device, String presented) {
        if (!DeviceToken.looksLikeToken(presented)) {
            return SecretHash.matches(presented, device.secretHash()) || previousSecretMatches(device, presented);
        }
        if (!tokenSecrets.configured()) {
            if (tokenWarningLogged.compareAndSet(false, true)) {
                LOG.warn("device {} sent a signed token but token auth is not configured (set auth.tokenSecretsFile); refusing", device.id());
            }
            return false;
        }
        return checkToken(device, presented);
    }

    /** The secret of before the last rotation is still good during its grace period. */
    private boolean previousSecretMatches(Device device, String presented) {
        PreviousSecret previous = device.previousSecret();
        return previous != null && wallClockMs.getAsLong() < previous.validUntil()
                && SecretHash.matches(presented, previous.secretHash());
    }

    /** A token is good when signed with the device's secret, its time is within the window, and it was not used yet. */
    private boolean checkToken(Device device, String presented) {
        Optional<String> secret = tokenSecrets.secret(device.id());
        if (secret.isEmpty()) {
            return false;
        }
        long now = wallClockMs.getAsLong();
        OptionalLong tokenMs = DeviceToken.verifiedTime(device.id(), secret.get(), presented, now, tokenLimits.window());
        if (tokenMs.isEmpty()) {
            return false;
        }
        return switch (usedTokens.use(device.id(), tokenMs.getAsLong(),
                tokenLimits.window().lastAdmittedAt(tokenMs.getAsLong()), now)) {
            case FIRST -> true;
            case REPLAYED -> {
                // Logged without the token: its time alone names it, and the signature is a credential until it expires.
                LOG.warn("device {} sent a signed token already used (token time {}): refusing the replay; "
                        + "a device must sign a fresh token for every CONNECT", device.id(), tokenMs.getAsLong());
                yield false;
            }
            case NO_ROOM -> {
                long last = noRoomLoggedAtMs.get();
                if (now - last >= NO_ROOM_LOG_EVERY_MS && noRoomLoggedAtMs.compareAndSet(last, now)) {
                    LOG.warn("device {}: {} used tokens still within their window, the most remembered "
                            + "(auth.tokenReplayCapacity): refusing token logins until the oldest expire", device.id(),
                            usedTokens.size());
                }
                yield false;
            }
        };
    }
}
