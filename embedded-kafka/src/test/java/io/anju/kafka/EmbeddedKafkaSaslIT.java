package io.anju.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The broker that takes SCRAM-SHA-256 clients only: the credentials it writes work, nothing else does. */
class EmbeddedKafkaSaslIT {
    @TempDir
    Path dataDir;

    @Test
    void onlyAClientWithTheWrittenCredentialsIsServed_alsoAfterARestart() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dataDir, 0).withSaslScram().start()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kafka.passwordFile())))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kafka.clientConfigFile())))
                    .isEqualTo("rw-------");
            Map<String, Object> fromFile = load(kafka.clientConfigFile());
            assertThat(fromFile).containsEntry("security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-256");

            assertThat(nodes(kafka.bootstrapServers(), fromFile)).isEqualTo(1);

            Map<String, Object> wrong = new HashMap<>(fromFile);
            wrong.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"anju\" password=\"not-the-password\";");
            assertThatThrownBy(() -> nodes(kafka.bootstrapServers(), wrong))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);

            kafka.stop();
            kafka.start();
            assertThat(nodes(kafka.bootstrapServers(), load(kafka.clientConfigFile()))).isEqualTo(1);
        }
    }

    @Test
    void aPlaintextClientIsNotServed_byTheBrokerNorByTheController() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dataDir, 0).withSaslScram().start()) {
            // The broker drops a client that skips the SASL handshake; it never learns of any node.
            assertThatThrownBy(() -> nodes(kafka.bootstrapServers(), Map.of()))
                    .isInstanceOf(ExecutionException.class);
            // Admin clients may also talk to a KRaft controller directly (KIP-919), e.g. to alter configs.
            Map<String, Object> controller = new HashMap<>();
            controller.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, "127.0.0.1:" + kafka.controllerPort());
            controller.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
            controller.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
            try (Admin admin = Admin.create(controller)) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class);
            }
        }
    }

    @Test
    void aLogFirstServedToPlaintextClients_keepsItsRecords_andTakesSaslClientsOnlyFromThen() throws Exception {
        int port;
        try (EmbeddedKafka plain = new EmbeddedKafka(dataDir, 0).start()) {
            port = plain.port();
            plain.createTopics(Map.of("kept", 1));
            assertThat(SaslScram.exists(dataDir)).isFalse();
        }
        try (EmbeddedKafka kafka = new EmbeddedKafka(dataDir, port).withSaslScram().start()) {
            Map<String, Object> fromFile = load(kafka.clientConfigFile());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kafka.passwordFile())))
                    .isEqualTo("rw-------");
            assertThat(topics(kafka.bootstrapServers(), fromFile)).contains("kept");
            assertThatThrownBy(() -> nodes(kafka.bootstrapServers(), Map.of()))
                    .isInstanceOf(ExecutionException.class);

            kafka.stop();
            kafka.start();
            assertThat(nodes(kafka.bootstrapServers(), load(kafka.clientConfigFile()))).isEqualTo(1);
        }
    }

    private static java.util.Set<String> topics(String bootstrap, Map<String, Object> security) throws Exception {
        Map<String, Object> p = new HashMap<>(security);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS);
        }
    }

    private static int nodes(String bootstrap, Map<String, Object> security) throws Exception {
        Map<String, Object> p = new HashMap<>(security);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        try (Admin admin = Admin.create(p)) {
            return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
        }
    }

    private static Map<String, Object> load(Path file) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, Object> map = new HashMap<>();
        p.forEach((k, v) -> map.put((String) k, v));
        return map;
    }
}
