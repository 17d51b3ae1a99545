package io.anju.kafka;

import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one SCRAM-SHA-256 user of an embedded broker that takes SASL clients only. Its password is generated at the
 * first start and kept, owner-readable only, under {@code <dataDir>/kafka-sasl}, next to a Kafka client properties
 * file that the services take as their {@code kafka.clientConfig}. The credential is written into the cluster's
 * metadata when the log is formatted (what {@code kafka-storage.sh format --add-scram} does), so the broker can
 * authenticate its own inter-broker connections from its first moment.
 */
final class SaslScram {
    static final String MECHANISM = "SCRAM-SHA-256";
    static final String USER = "anju";
    static final String LISTENER = "SASL_PLAINTEXT";
    private static final String CONTROLLER_MECHANISM = "PLAIN";
    private static final String OWNER_ONLY = "rw-------";
    /** What {@code kafka-storage.sh format --add-scram} uses when none is given. */
    private static final int ITERATIONS = 4096;

    private final Path dir;
    private final String password;

    private SaslScram(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    /** A user is kept under {@code dataDir}. */
    static boolean exists(Path dataDir) {
        return Files.exists(dataDir.resolve("kafka-sasl").resolve("password"));
    }

    /** The user kept under {@code dataDir}, created with a new password when there is none yet. */
    static SaslScram under(Path dataDir) {
        if (exists(dataDir)) {
            Path dir = dataDir.resolve("kafka-sasl");
            try {
                return new SaslScram(dir, Files.readString(dir.resolve("password"), StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embedded broker's SASL password under " + dir, e);
            }
        }
        return generate(dataDir).save();
    }

    /** A new user with a fresh password, not yet written: {@link #save()} keeps it once the broker knows it. */
    static SaslScram generate(Path dataDir) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        // URL-safe Base64 without padding: no character the format argument or the JAAS line would misread.
        return new SaslScram(dataDir.resolve("kafka-sasl"), Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /** Writes the client settings, then the password (whose presence means the user exists), owner-readable only. */
    SaslScram save() {
        try {
            EmbeddedKafka.createDirectories(dir);
            StringBuilder client = new StringBuilder("# Kafka client settings for the embedded SASL broker (kafka.clientConfig)\n");
            clientProperties().forEach((k, v) -> client.append(k).append('=').append(v).append('\n'));
            writeOwnerOnly(clientConfigFile(), client.toString());
            writeOwnerOnly(passwordFile(), password + "\n");
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the embedded broker's SASL credentials under " + dir, e);
        }
    }

    /** The credential as the Admin API adds it to a cluster formatted without it. */
    UserScramCredentialUpsertion upsertion() {
        return new UserScramCredentialUpsertion(USER, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, ITERATIONS),
                password);
    }

    Path passwordFile() {
        return dir.resolve("password");
    }

    Path clientConfigFile() {
        return dir.resolve("client.properties");
    }

    /** What a client needs besides {@code bootstrap.servers}. */
    Map<String, String> clientProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", LISTENER);
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", jaas());
        return p;
    }

    /**
     * The broker side: SCRAM-SHA-256 only, and the same user for the broker's connections to itself. The controller
     * listener ({@code controllerListener}) takes the same user and password with SASL/PLAIN from a static JAAS entry:
     * KRaft cannot use SCRAM there (the credentials live in the metadata the controller serves), and a controller left
     * PLAINTEXT would take admin requests from any local client (KIP-919's {@code bootstrap.controllers}).
     */
    Map<String, String> brokerProperties(String controllerListener) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("listener.name." + LISTENER.toLowerCase() + "." + MECHANISM.toLowerCase() + ".sasl.jaas.config", jaas());
        String controller = "listener.name." + controllerListener.toLowerCase() + ".";
        p.put("sasl.mechanism.controller.protocol", CONTROLLER_MECHANISM);
        p.put(controller + "sasl.enabled.mechanisms", CONTROLLER_MECHANISM);
        p.put(controller + CONTROLLER_MECHANISM.toLowerCase() + ".sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER + "\" password=\""
                        + password + "\" user_" + USER + "=\"" + password + "\";");
        return p;
    }

    /** The {@code --add-scram} argument of the log format. */
    List<String> formatArguments() {
        return List.of(MECHANISM + "=[name=" + USER + ",password=" + password + "]");
    }

    private String jaas() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER
                + "\" password=\"" + password + "\";";
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
