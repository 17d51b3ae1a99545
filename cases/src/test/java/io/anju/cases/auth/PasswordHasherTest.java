package io.anju.cases.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void aHashVerifiesItsOwnPasswordOnly() {
        String stored = hasher.hash("correct horse battery");

        assertThat(hasher.verify("correct horse battery", stored)).isTrue();
        assertThat(hasher.verify("correct horse batterY", stored)).isFalse();
        assertThat(hasher.verify("", stored)).isFalse();
    }

    @Test
    void theHashDescribesSchemeIterationsAndSaltAndIsSaltedPerCall() {
        String a = hasher.hash("same password");
        String b = hasher.hash("same password");

        assertThat(a).matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aHashMadeWithOtherIterationsStillVerifies() {
        String older = new PasswordHasher(2_000).hash("kept password");

        assertThat(hasher.verify("kept password", older)).isTrue();
    }

    @Test
    void malformedStoredHashesAreRefusedNotThrown() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify(null, hasher.hash("x"))).isFalse();
        assertThat(hasher.verify("x", "sha256$abc$def")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$zero$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$0$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$10$!!!$AAAA")).isFalse();
    }

    @Test
    void zeroIterationsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new PasswordHasher(0)).hasMessage("auth.passwordIterations must be ≥ 1 (was 0)");
    }
}
