package io.anju.gateway.auth;

import io.anju.common.auth.DeviceToken;
import io.anju.common.auth.SecretHash;
import io.anju.common.model.Device;
import io.anju.common.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Decides whether a CONNECT may proceed (device protocol v1, Authentication): client id = username = device id;
 * password = the device secret (checked in constant time against its salted hash) or a signed token; or a client
 * certificate whose CN is the device id. A disabled device is refused even with correct credentials.
 */
public final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    /** Compared against when the device is unknown, so an unknown id costs as much time as a wrong secret. */
    private static final String DUMMY_HASH = SecretHash.hash("unknown-device");

    private final Registry registry;
    private final TokenSecrets tokenSecrets;
    private final long tokenWindowMs;
    private final LongSupplier wallClockMs;
    private final AtomicBoolean tokenWarningLogged = new AtomicBoolean();

    public Authenticator(Registry registry, TokenSecrets tokenSecrets, Duration tokenWindow, LongSupplier wallClockMs) {
        this.registry = registry;
        this.tokenSecrets = tokenSecrets;
        this.tokenWindowMs = tokenWindow.toMillis();
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
        Optional<Device> device = registry.device(clientId);
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
            return SecretHash.matches(presented, device.secretHash());
        }
        if (!tokenSecrets.configured()) {
            if (tokenWarningLogged.compareAndSet(false, true)) {
                LOG.warn("device {} sent a signed token but token auth is not configured (set auth.tokenSecretsFile); refusing", device.id());
            }
            return false;
        }
        Optional<String> secret = tokenSecrets.secret(device.id());
        return secret.isPresent()
                && DeviceToken.verify(device.id(), secret.get(), presented, wallClockMs.getAsLong(), tokenWindowMs);
    }
}
