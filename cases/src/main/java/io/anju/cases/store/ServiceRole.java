package io.anju.cases.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The login the case service works as on its embedded PostgreSQL: no superuser, no role or database creation, and,
 * in the case store, only the rights to read and write rows of its tables and use their sequences. The schema and
 * the migration history stay the superuser's, who migrates them ({@link Database#migrate()}).
 */
final class ServiceRole {
    static final String NAME = "anju_cases";

    private ServiceRole() {
    }

    /** Creates the role when it is missing and (re)sets its attributes and password: every start, so both hold. */
    static void ensure(EmbeddedPostgres pg, String password) throws IOException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + NAME + "') then "
                    + "create role " + NAME + "; end if; end $$");
            // ALTER ROLE takes no bind parameters; the standard string literal needs only its quotes doubled.
            s.execute("alter role " + NAME + " with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls"
                    + " password '" + password.replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IOException("cannot set up the case service's database role " + NAME + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives the role the rows of every table the migrations made, and nothing of Flyway's history; run as the schema's
     * owner after each migration, since a grant covers only the tables that exist when it runs.
     */
    static void grantRows(Connection owner) throws SQLException {
        try (Statement s = owner.createStatement()) {
            // PostgreSQL before 15 lets every role create in the public schema.
            s.execute("revoke create on schema public from public");
            s.execute("grant usage on schema public to " + NAME);
            s.execute("grant select, insert, update, delete on all tables in schema public to " + NAME);
            s.execute("grant usage, select, update on all sequences in schema public to " + NAME);
            s.execute("revoke all on flyway_schema_history from " + NAME);
        }
    }
}
