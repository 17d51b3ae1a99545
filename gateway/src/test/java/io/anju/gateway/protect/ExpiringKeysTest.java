package io.anju.gateway.protect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiringKeysTest {
    private static final long T0 = 1_764_378_000_000L;
    private static final long BUCKET = 1_000;

    @Test
    void aKeyIsPresentUntilItsOwnExpiry_thenForgotten() {
        ExpiringKeys<String> keys = new ExpiringKeys<>(10, BUCKET);
        assertThat(keys.addIfAbsent("a", T0 + 5_000, T0)).isEqualTo(ExpiringKeys.Added.NEW);
        assertThat(keys.addIfAbsent("a", T0 + 5_000, T0 + 1)).isEqualTo(ExpiringKeys.Added.PRESENT);
        assertThat(keys.contains("a", T0 + 5_000)).isTrue();
        assertThat(keys.contains("a", T0 + 5_001)).isFalse();
        keys.contains("a", T0 + 5_000 + 2 * BUCKET);
        assertThat(keys.size()).as("its bucket dropped").isZero();
    }

    @Test
    void addIfAbsent_whenFull_refusesANewKey_untilRoomIsFreedByExpiry() {
        ExpiringKeys<String> keys = new ExpiringKeys<>(2, BUCKET);
        keys.addIfAbsent("a", T0 + 2_000, T0);
        keys.addIfAbsent("b", T0 + 60_000, T0);
        assertThat(keys.addIfAbsent("c", T0 + 60_000, T0)).isEqualTo(ExpiringKeys.Added.FULL);
        assertThat(keys.contains("a", T0)).as("nothing evicted").isTrue();
        assertThat(keys.addIfAbsent("c", T0 + 60_000, T0 + 4_000)).isEqualTo(ExpiringKeys.Added.NEW);
    }

    @Test
    void put_extendsAnExpiry_andWhenFull_forgetsTheKeyExpiringSoonest() {
        ExpiringKeys<String> keys = new ExpiringKeys<>(2, BUCKET);
        keys.put("a", T0 + 10_000, T0);
        keys.put("b", T0 + 20_000, T0);
        assertThat(keys.put("a", T0 + 30_000, T0)).as("a refresh evicts nothing").isFalse();
        assertThat(keys.put("c", T0 + 40_000, T0)).as("no room: one is forgotten").isTrue();
        assertThat(keys.contains("b", T0)).as("b expired soonest after a's refresh").isFalse();
        assertThat(keys.contains("a", T0 + 25_000)).isTrue();
        assertThat(keys.contains("c", T0 + 25_000)).isTrue();
        assertThat(keys.size()).isEqualTo(2);
    }

    @Test
    void aRefreshedKeyOutlivesTheBucketItWasFirstFiledIn() {
        ExpiringKeys<String> keys = new ExpiringKeys<>(10, BUCKET);
        keys.put("a", T0 + 1_000, T0);
        keys.put("a", T0 + 10_000, T0 + 500);
        assertThat(keys.contains("a", T0 + 5_000)).isTrue();
        assertThat(keys.contains("a", T0 + 12_000)).isFalse();
    }

    @Test
    void memoryStaysBounded_underAStreamOfKeys() {
        ExpiringKeys<Long> keys = new ExpiringKeys<>(1_000, BUCKET);
        for (long i = 0; i < 100_000; i++) {
            long now = T0 + i * 10;   // 100 keys a second, each kept 5 s: about 500 alive at once
            assertThat(keys.addIfAbsent(i, now + 5_000, now)).isEqualTo(ExpiringKeys.Added.NEW);
        }
        assertThat(keys.size()).isBetween(500, 500 + (int) (BUCKET / 10) + 1);
    }
}
