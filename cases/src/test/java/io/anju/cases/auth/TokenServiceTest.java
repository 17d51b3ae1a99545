package io.anju.cases.auth;

import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenServiceTest {
    private static Vertx vertx;
    private static final Principal MANAGER = new Principal("wang", Role.PROPERTY_MANAGER, Set.of("cp-001", "cp-002"));

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Principal verify(TokenService tokens, String token) throws Exception {
        return tokens.verify(token).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTokenCarriesNameRoleAndScopeAndExpiresAfterTheTtl() throws Exception {
        TokenService tokens = new TokenService(vertx, key(1), Duration.ofHours(8));

        TokenService.IssuedToken issued = tokens.issue(MANAGER);

        assertThat(verify(tokens, issued.token())).isEqualTo(MANAGER);
        assertThat(issued.expires()).isBetween(Instant.now().plus(Duration.ofMinutes(479)),
                Instant.now().plus(Duration.ofMinutes(481)));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        TokenService ours = new TokenService(vertx, key(1), Duration.ofHours(1));
        TokenService forger = new TokenService(vertx, key(2), Duration.ofHours(1));

        String forged = forger.issue(new Principal("mallory", Role.DISTRICT_OPERATOR, Set.of("*"))).token();

        assertThatThrownBy(() -> verify(ours, forged)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void anAlteredPayloadIsRefused() {
        TokenService tokens = new TokenService(vertx, key(1), Duration.ofHours(1));
        String[] parts = tokens.issue(MANAGER).token().split("\\.");
        String promoted = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"wang\",\"role\":\"district_operator\",\"scope\":[\"*\"],\"iss\":\"anju-cases\"}").getBytes());

        assertThatThrownBy(() -> verify(tokens, parts[0] + "." + promoted + "." + parts[2]))
                .isInstanceOf(ExecutionException.class);
    }

    @Test
    void theKeyFileIsCreatedOnceWithOwnerOnlyAccessAndReusedAfter(@TempDir Path dataDir) throws Exception {
        byte[] first = JwtKeyFile.loadOrCreate(dataDir);
        byte[] second = JwtKeyFile.loadOrCreate(dataDir);

        Path file = dataDir.resolve("cases/jwt.key");
        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String token = new TokenService(vertx, first, Duration.ofHours(1)).issue(MANAGER).token();
        assertThat(verify(new TokenService(vertx, second, Duration.ofHours(1)), token)).isEqualTo(MANAGER);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        TokenService tokens = new TokenService(vertx, key(1), Duration.ofSeconds(1));
        String token = tokens.issue(MANAGER).token();

        Thread.sleep(2_100);

        assertThatThrownBy(() -> verify(tokens, token)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new TokenService(vertx, new byte[16], Duration.ofHours(1)))
                .hasMessageContaining("at least 32 bytes");
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }
}
