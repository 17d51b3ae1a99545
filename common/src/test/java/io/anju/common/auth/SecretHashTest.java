package io.anju.common.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretHashTest {
    private static final String SECRET = "9f86d081884c7d659a2feaa0c55ad015";

    @Test
    void matchesTheSecretItWasMadeFrom() {
        String stored = SecretHash.hash(SECRET);
        assertThat(stored).startsWith("sha256$").doesNotContain(SECRET);
        assertThat(SecretHash.matches(SECRET, stored)).isTrue();
    }

    @Test
    void rejectsAWrongSecret() {
        String stored = SecretHash.hash(SECRET);
        assertThat(SecretHash.matches("9f86d081884c7d659a2feaa0c55ad016", stored)).isFalse();
        assertThat(SecretHash.matches("", stored)).isFalse();
        assertThat(SecretHash.matches(null, stored)).isFalse();
    }

    @Test
    void saltsEachHash() {
        assertThat(SecretHash.hash(SECRET)).isNotEqualTo(SecretHash.hash(SECRET));
    }

    @Test
    void treatsAMalformedStoredHashAsNoMatch() {
        assertThat(SecretHash.matches(SECRET, SECRET)).isFalse();
        assertThat(SecretHash.matches(SECRET, "md5$abc$def")).isFalse();
        assertThat(SecretHash.matches(SECRET, "sha256$!!$??")).isFalse();
        assertThat(SecretHash.matches(SECRET, null)).isFalse();
    }
}
