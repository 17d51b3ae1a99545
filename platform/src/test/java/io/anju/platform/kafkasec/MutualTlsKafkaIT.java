package io.anju.platform.kafkasec;

import io.anju.common.registry.RegistryWriter;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.KafkaProbe;
import io.anju.common.topic.Topics;
import io.anju.gateway.GatewayNode;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.tls.SelfSignedPair;
import io.anju.kafka.EmbeddedKafka;
import io.anju.kafka.MutualTls;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Kafka that admits only clients with a certificate of its CA (mutual TLS), as a cluster that authenticates by
 * certificate does: the gateway, given the broker's address and a client properties file with its own certificate
 * ({@code kafka.clientConfig}), creates its topics and reports Kafka up; a service's client built from such a file
 * writes and reads; a client with a certificate of another CA, or none, gets nothing.
 */
class MutualTlsKafkaIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theGatewayAndAServiceClientWorkWithTheirCertificates_andAClientWithoutOneOfTheCaGetsNothing(@TempDir Path dir)
            throws Exception {
        SelfSignedPair ca = SelfSignedPair.generate("anju-kafka-ca");
        SelfSignedPair broker = ca.issue("localhost");
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("broker"), 0).withMutualTls(
                new MutualTls(broker.certificatePem(), broker.privateKeyPem(), ca.certificatePem())).start()) {
            Path gatewayConfig = clientConfig(dir.resolve("gateway.properties"), ca.issue("gateway"), ca);
            Path registry = dir.resolve("registry.json");
            RegistryWriter.write(registry, RegistryGenerator.generate(new GeneratorOptions(2020, true, 0)).document());
            try (GatewayNode gateway = new GatewayNode(GatewayConfig.of(Map.of(
                    "mqtt.host", "127.0.0.1", "mqtt.port", "0", "http.host", "127.0.0.1", "http.port", "0",
                    "kafka.bootstrap", kafka.bootstrapServers(), "kafka.clientConfig", gatewayConfig.toString(),
                    "data.dir", dir.resolve("gateway").toString(), "registry.file", registry.toString()))).start()) {
                String health = "http://127.0.0.1:" + gateway.server().httpPort() + "/health";
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> get(health).contains("\"kafka\":\"up\""));

                KafkaConnection jobs = KafkaConnection.of(kafka.bootstrapServers(),
                        clientConfig(dir.resolve("jobs.properties"), ca.issue("jobs"), ca).toString(), "test");
                try (Admin admin = Admin.create(jobs.clientProperties())) {
                    assertThat(admin.listTopics().names().get(20, TimeUnit.SECONDS))
                            .as("the topics the gateway created over mutual TLS").contains(Topics.COMMANDS);
                }
                assertThat(roundTrip(jobs)).isEqualTo("stop_port chg-0001-1#2");

                SelfSignedPair stranger = SelfSignedPair.generate("not-the-kafka-ca");
                KafkaConnection foreign = KafkaConnection.of(kafka.bootstrapServers(),
                        clientConfig(dir.resolve("foreign.properties"), stranger.issue("intruder"), ca).toString(),
                        "test");
                Map<String, Object> noCertificate = new java.util.HashMap<>(jobs.clientProperties());
                noCertificate.remove("ssl.keystore.type");
                noCertificate.remove("ssl.keystore.certificate.chain");
                noCertificate.remove("ssl.keystore.key");
                for (Map<String, Object> refused : List.of(foreign.clientProperties(), noCertificate)) {
                    refused.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
                    refused.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
                    try (Admin client = Admin.create(refused)) {
                        assertThatThrownBy(() -> client.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                                .as("refused for its certificate, not for a network fault")
                                .hasRootCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class)
                                .hasCauseInstanceOf(SslAuthenticationException.class);
                    }
                }
                try (KafkaProbe probe = KafkaProbe.start(foreign, Duration.ofMillis(500), Duration.ofMillis(500))) {
                    Awaitility.await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                            .until(() -> !probe.up());
                }
            }
        }
    }

    /** A service's client properties file: SSL with {@code identity}'s certificate, trusting {@code ca}. */
    private static Path clientConfig(Path file, SelfSignedPair identity, SelfSignedPair ca) throws IOException {
        Properties p = new Properties();
        p.setProperty("security.protocol", "SSL");
        p.setProperty("ssl.keystore.type", "PEM");
        p.setProperty("ssl.keystore.certificate.chain", identity.certificatePem());
        p.setProperty("ssl.keystore.key", identity.privateKeyPem());
        p.setProperty("ssl.truststore.type", "PEM");
        p.setProperty("ssl.truststore.certificates", ca.certificatePem());
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "a service's Kafka client settings (mutual TLS)");
        }
        return file;
    }

    /** Writes one record with {@code kafka} and reads it back. */
    private static String roundTrip(KafkaConnection kafka) {
        String topic = "anju.mtls-check";
        Map<String, Object> producer = kafka.clientProperties();
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> p = new KafkaProducer<>(producer)) {
            p.send(new ProducerRecord<>(topic, "chg-0001-1", "stop_port chg-0001-1#2")).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot write over mutual TLS", e);
        }
        Map<String, Object> consumer = kafka.clientProperties();
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "mtls-check");
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumer)) {
            c.subscribe(List.of(topic));
            List<String> read = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (read.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    read.add(r.value());
                }
            }
            return read.isEmpty() ? null : read.get(0);
        }
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
