package io.anju.cases.notify;

import io.anju.cases.store.Database;
import io.anju.cases.testing.CaseInserts;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRetentionIT {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void deliveredAndGivenUpRowsPastRetentionGo_pendingAndRecentOnesStay(@TempDir Path dir) throws Exception {
        try (Database db = Database.embedded(dir.resolve("pg"), 0)) {
            db.migrate();
            try (Connection c = db.jdbc()) {
                String caseNo = CaseInserts.insert(c, CaseInserts.filed(NOW.minus(Duration.ofDays(30)))).get(0);
                long caseId;
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("select id from cases where case_no = '" + caseNo + "'")) {
                    r.next();
                    caseId = r.getLong(1);
                }
                insert(c, caseId, "old-delivered", NOW.minus(Duration.ofDays(8)), null);
                insert(c, caseId, "old-given-up", null, NOW.minus(Duration.ofDays(9)));
                insert(c, caseId, "recent-delivered", NOW.minus(Duration.ofDays(1)), null);
                insert(c, caseId, "old-pending", null, null);
            }
            Vertx vertx = Vertx.vertx();
            try {
                Pool pool = db.pool(vertx, 2);
                OutboxRetention retention = new OutboxRetention(vertx, pool, Duration.ofDays(7),
                        Clock.fixed(NOW, ZoneOffset.UTC));
                int removed = retention.prune().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(removed).isEqualTo(2);
                assertThat(keys(db)).containsExactlyInAnyOrder("recent-delivered", "old-pending");
            } finally {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void insert(Connection c, long caseId, String key, Instant delivered, Instant failed) throws Exception {
        try (PreparedStatement s = c.prepareStatement("insert into outbox (channel, idempotency_key, case_id, event_seq,"
                + " kind, payload, created_at, next_attempt_at, delivered_at, failed_at)"
                + " values ('webhook', ?, ?, 1, 'opened', '{}'::jsonb, ?, ?, ?, ?)")) {
            var created = NOW.minus(Duration.ofDays(10)).atOffset(ZoneOffset.UTC);
            s.setString(1, key);
            s.setLong(2, caseId);
            s.setObject(3, created);
            s.setObject(4, created);
            s.setObject(5, delivered == null ? null : delivered.atOffset(ZoneOffset.UTC));
            s.setObject(6, failed == null ? null : failed.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
    }

    private static List<String> keys(Database db) throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = db.jdbc(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select idempotency_key from outbox")) {
            while (r.next()) {
                keys.add(r.getString(1));
            }
        }
        return keys;
    }
}
