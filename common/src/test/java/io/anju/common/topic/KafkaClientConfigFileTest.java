package io.anju.common.topic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientConfigFileTest {
    private static final String SCRAM = """
            security.protocol=SASL_SSL
            sasl.mechanism=SCRAM-SHA-512
            sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="anju" password="s3cret";
            ssl.truststore.location=/etc/anju/kafka-ca.p12
            """;

    @TempDir
    Path dir;

    @Test
    void aScramFileBecomesTheSecuritySettingsOfEveryClient() throws Exception {
        KafkaConnection kafka = KafkaConnection.of("k1:9093,k2:9093", write(SCRAM), "kafka.clientConfig");

        assertThat(kafka.clientProperties()).containsEntry("bootstrap.servers", "k1:9093,k2:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/anju/kafka-ca.p12");
        assertThat(kafka.securityProperties()).doesNotContainKey("bootstrap.servers").hasSize(4);
        assertThat(kafka.toString()).isEqualTo("k1:9093,k2:9093 (SASL_SSL)").doesNotContain("s3cret");
    }

    @Test
    void noFileMeansPlaintext() {
        KafkaConnection kafka = KafkaConnection.of("k:9092", "", "kafka.clientConfig");

        assertThat(kafka.clientProperties()).isEqualTo(Map.of("bootstrap.servers", "k:9092"));
        assertThat(kafka.securityProtocol()).isEqualTo("PLAINTEXT");
    }

    @Test
    void aMissingFileFailsNamingTheSetting() {
        assertThatThrownBy(() -> KafkaConnection.of("k:9092", dir.resolve("none.properties").toString(), "kafka.clientConfig"))
                .hasMessageContaining("kafka.clientConfig").hasMessageContaining("must be a readable file");
    }

    @Test
    void keysTheServiceSetsItselfAreRefusedByName() throws Exception {
        for (String key : new String[] {"bootstrap.servers", "group.id", "acks", "ssl.truststore.locaton"}) {
            String file = write("security.protocol=SSL\n" + key + "=x\n");
            assertThatThrownBy(() -> KafkaClientConfigFile.read(Path.of(file), "--kafka-client-config"))
                    .hasMessageContaining("--kafka-client-config").hasMessageContaining("not " + key);
        }
    }

    @Test
    void anUnknownOrMissingProtocolIsRefused() throws Exception {
        assertThatThrownBy(() -> KafkaClientConfigFile.read(Path.of(write("security.protocol=SASL_TLS\n")), "kafka.clientConfig"))
                .hasMessageContaining("kafka.clientConfig").hasMessageContaining("SASL_TLS");
        assertThatThrownBy(() -> KafkaClientConfigFile.read(Path.of(write("sasl.mechanism=PLAIN\n")), "kafka.clientConfig"))
                .hasMessageContaining("must set security.protocol");
    }

    @Test
    void theConnectionTravelsSerializedWithItsSettings() throws Exception {
        KafkaConnection kafka = KafkaConnection.of("k:9093", write(SCRAM), "kafka.clientConfig");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(kafka);
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(kafka);
        }
    }

    private String write(String text) throws Exception {
        Path file = Files.createTempFile(dir, "client", ".properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file.toString();
    }
}
