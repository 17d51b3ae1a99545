package io.anju.common.influx;

import io.anju.testsupport.InfluxServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The InfluxDB the platform runs (as the tests' InfluxServer runs it) answers only a client with its credentials. */
class InfluxAuthenticationIT {
    @RegisterExtension
    static final InfluxServer INFLUX = new InfluxServer();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void refusesQueriesAndWritesWithoutCredentials() throws Exception {
        assertThat(query("SHOW DATABASES", Optional.empty())).isEqualTo(401);
        assertThat(write("probe v=1", Optional.empty())).isEqualTo(401);
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        Optional<String> wrong = Optional.of(new InfluxCredentials(INFLUX.username(), "not-the-password")
                .basicAuthorization());
        assertThat(query("SHOW DATABASES", wrong)).isEqualTo(401);
        assertThat(write("probe v=1", wrong)).isEqualTo(401);
    }

    @Test
    void aClientWithTheCredentialsFileQueriesAndWrites() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(INFLUX.credentialsFile())))
                .as("the credentials file is private").isEqualTo("rw-------");
        Optional<String> auth = Optional.of(InfluxCredentials.read("test", INFLUX.credentialsFile())
                .basicAuthorization());
        assertThat(query("CREATE DATABASE authprobe", auth)).isEqualTo(200);
        assertThat(write("probe v=1", auth)).isEqualTo(204);
    }

    @Test
    void thePingNeedsNoCredentials() throws Exception {
        HttpRequest ping = HttpRequest.newBuilder(URI.create(INFLUX.url() + "/ping")).GET().build();
        assertThat(http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
    }

    private int query(String q, Optional<String> authorization) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(INFLUX.url() + "/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))),
                authorization);
    }

    private int write(String line, Optional<String> authorization) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(INFLUX.url() + "/write?db=authprobe"))
                .POST(HttpRequest.BodyPublishers.ofString(line)), authorization);
    }

    private int send(HttpRequest.Builder request, Optional<String> authorization) throws Exception {
        authorization.ifPresent(a -> request.header("Authorization", a));
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
