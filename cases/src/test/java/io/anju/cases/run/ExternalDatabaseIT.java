package io.anju.cases.run;

import io.anju.cases.store.Database;
import io.anju.cases.store.EmbeddedPassword;
import io.anju.common.registry.RegistryWriter;
import io.anju.kafka.EmbeddedKafka;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --db-url}: the service on a PostgreSQL server it did not start, and a clear error for a bad URL. */
class ExternalDatabaseIT {

    @Test
    void theServiceMigratesAndUsesAnExternalServer_andStartsNoEmbeddedOne(@TempDir Path dir) throws Exception {
        Path registry = dir.resolve("registry.json");
        RegistryWriter.write(registry, RegistryGenerator.generate(GeneratorOptions.of(3)).document());
        try (Database external = Database.embedded(dir.resolve("someone-elses-postgres"), 0);
             EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
            int port = URI.create(external.jdbcUrl().substring("jdbc:".length())).getPort();
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/anju?user=postgres&password="
                    + EmbeddedPassword.read(dir.resolve("someone-elses-postgres"));
            try (CasesServer server = CasesServer.start(CasesConfig.of(Map.of(
                    "http.host", "127.0.0.1", "http.port", "0",
                    "registry.file", registry.toString(),
                    "data.dir", dir.resolve("data").toString(),
                    "kafka.bootstrap", kafka.bootstrapServers(),
                    "db.url", url)))) {
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
                assertThat(server.databaseDescription()).isEqualTo("external");
            }
            try (var c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select count(*) from flyway_schema_history where success")) {
                r.next();
                assertThat(r.getInt(1)).as("the schema was migrated on the external server").isPositive();
            }
            assertThat(Files.exists(dir.resolve("data").resolve("cases").resolve("postgres")))
                    .as("no embedded server was started").isFalse();
        }
    }

    @Test
    void anUnreachableExternalServerFailsTheStartNamingTheUrl(@TempDir Path dir) throws Exception {
        Path registry = dir.resolve("registry.json");
        RegistryWriter.write(registry, RegistryGenerator.generate(GeneratorOptions.of(3)).document());
        assertThatThrownBy(() -> CasesServer.start(CasesConfig.of(Map.of(
                "registry.file", registry.toString(),
                "data.dir", dir.toString(),
                "db.url", "jdbc:postgresql://127.0.0.1:1/anju?user=postgres"))))
                .hasMessageContaining("127.0.0.1:1");
    }
}
