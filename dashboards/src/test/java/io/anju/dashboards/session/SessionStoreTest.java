package io.anju.dashboards.session;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStoreTest {
    private final Instant start = Instant.parse("2026-11-29T12:00:00Z");
    private Clock clock = Clock.fixed(start, ZoneOffset.UTC);
    private final SessionStore store = new SessionStore(new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }
    }, 2);

    @Test
    void aSessionLivesUntilItsExpiry() {
        SessionStore.Session s = store.open(viewer("a"), start.plus(Duration.ofHours(8)));
        assertThat(s.id()).hasSize(43); // 32 random bytes, base64url
        assertThat(store.find(s.id())).map(SessionStore.Session::viewer).contains(viewer("a"));
        clock = Clock.fixed(start.plus(Duration.ofHours(8)), ZoneOffset.UTC);
        assertThat(store.find(s.id())).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void signOutEndsTheSessionAndIdsAreNotGuessable() {
        SessionStore.Session s = store.open(viewer("a"), start.plusSeconds(60));
        SessionStore.Session t = store.open(viewer("a"), start.plusSeconds(60));
        assertThat(s.id()).isNotEqualTo(t.id());
        store.close(s.id());
        assertThat(store.find(s.id())).isEmpty();
        assertThat(store.find(t.id())).isPresent();
        assertThat(store.find(null)).isEmpty();
    }

    @Test
    void beyondTheLimitTheSessionClosestToExpiryGoes() {
        SessionStore.Session soon = store.open(viewer("a"), start.plusSeconds(60));
        SessionStore.Session later = store.open(viewer("b"), start.plusSeconds(600));
        SessionStore.Session third = store.open(viewer("c"), start.plusSeconds(300));
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.find(soon.id())).isEmpty();
        assertThat(store.find(later.id())).isPresent();
        assertThat(store.find(third.id())).isPresent();
    }

    private static Viewer viewer(String name) {
        return new Viewer(name, Viewer.GRID_WORKER, Set.of("g-001"), null, "token-" + name);
    }
}
