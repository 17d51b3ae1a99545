package io.anju.gateway.auth;

import io.anju.common.auth.Credentials;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Plain device secrets needed to check signed-token passwords. The registry holds only salted hashes, so token
 * authentication works only when the operator gives the gateway the credentials file ({@code auth.tokenSecretsFile}).
 */
public final class TokenSecrets {
    private static final TokenSecrets NONE = new TokenSecrets(null);

    private final Map<String, String> secretsById;

    private TokenSecrets(Map<String, String> secretsById) {
        this.secretsById = secretsById == null ? null : Map.copyOf(secretsById);
    }

    public static TokenSecrets none() {
        return NONE;
    }

    public static TokenSecrets of(Map<String, String> secretsById) {
        return new TokenSecrets(secretsById);
    }

    public static TokenSecrets fromFile(Optional<Path> credentialsCsv) {
        return credentialsCsv.map(p -> of(Credentials.secretsById(p))).orElse(NONE);
    }

    public boolean configured() {
        return secretsById != null;
    }

    public Optional<String> secret(String deviceId) {
        return secretsById == null ? Optional.empty() : Optional.ofNullable(secretsById.get(deviceId));
    }
}
