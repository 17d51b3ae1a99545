package io.anju.cases.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseIT {

    @Test
    void theServiceWorksOnRowsOnly_notOnTheSchemaItsHistoryFilesOrPrograms(@TempDir Path dir) throws Exception {
        try (Database db = Database.embedded(dir.resolve("pg"), 0)) {
            db.migrate();
            try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
                assertThat(c.getMetaData().getUserName()).isEqualTo("anju_cases");
                s.execute("insert into users (name, password_hash, role, scope) values ('li', 'x', 'grid_worker', 'g1')");
                assertThat(s.executeUpdate("update users set scope = 'g2' where name = 'li'")).isEqualTo(1);
                assertThat(s.executeUpdate("delete from users where name = 'li'")).isEqualTo(1);
                for (String refused : List.of("create table mine (v text)", "drop table users",
                        "alter table users add column x text", "delete from flyway_schema_history",
                        "copy (select 1) to program 'true'", "select pg_read_file('postgresql.conf')",
                        "create role other login", "alter role anju_cases superuser")) {
                    // 42501: insufficient_privilege ("permission denied", "must be owner", "must be superuser").
                    assertThatThrownBy(() -> s.execute(refused)).as(refused).isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("42501"));
                }
            }
        }
    }

    @Test
    void embeddedServerKeepsItsDataAcrossARestart(@TempDir Path dir) throws Exception {
        try (Database db = Database.embedded(dir.resolve("pg"), 0)) {
            db.migrate();
            try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
                s.execute("insert into users (name, password_hash, role, scope) values ('li', 'x', 'grid_worker', 'g1')");
            }
        }
        try (Database db = Database.embedded(dir.resolve("pg"), 0)) {
            db.migrate();
            try (Connection c = db.jdbc(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select scope from users where name = 'li'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("g1");
            }
        }
    }
}
