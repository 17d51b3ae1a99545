package io.anju.cases.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PgHbaTest {
    @TempDir
    Path pgDir;

    @Test
    void theRulesInitdbWritesForTrust_trustAnyone() throws Exception {
        Files.writeString(pgDir.resolve("pg_hba.conf"), """
                # "local" is for Unix domain socket connections only
                local   all             all                                     trust
                host    all             all             127.0.0.1/32            trust
                """);

        assertThat(PgHba.trustsAnyone(pgDir)).isTrue();
    }

    @Test
    void trustMentionedInACommentOnly_doesNotCount() throws Exception {
        Files.writeString(pgDir.resolve("pg_hba.conf"), """
                # METHOD can be "trust", "reject", "md5", "password", "scram-sha-256"
                local   all   all   scram-sha-256  # was trust
                """);

        assertThat(PgHba.trustsAnyone(pgDir)).isFalse();
    }

    @Test
    void theReplacement_trustsNoOne_andAsksForThePasswordOnTheSocketAndOnTcp() throws Exception {
        Files.writeString(pgDir.resolve("pg_hba.conf"), "local all all trust\n");

        PgHba.requirePasswords(pgDir);

        assertThat(PgHba.trustsAnyone(pgDir)).isFalse();
        assertThat(Files.readString(pgDir.resolve("pg_hba.conf")))
                .containsPattern("(?m)^local\\s+all\\s+all\\s+scram-sha-256$")
                .containsPattern("(?m)^host\\s+all\\s+all\\s+127\\.0\\.0\\.1/32\\s+scram-sha-256$");
    }
}
