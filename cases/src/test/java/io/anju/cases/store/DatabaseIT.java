package io.anju.cases.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseIT {

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
