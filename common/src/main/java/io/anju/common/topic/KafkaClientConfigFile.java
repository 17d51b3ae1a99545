package io.anju.common.topic;

import io.anju.common.auth.PrivateFiles;
import io.anju.common.config.Require;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Kafka client properties file, the same convention as the {@code --command-config} of Kafka's own tools, holding
 * the security settings a service needs for a cluster that requires them. Only {@code security.protocol},
 * {@code sasl.*} and {@code ssl.*} keys that Kafka clients know are taken: the service sets everything else itself
 * (servers, groups, acknowledgements), and a typo would otherwise be ignored by Kafka with a warning only.
 */
public final class KafkaClientConfigFile {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaClientConfigFile.class);
    private static final String PROTOCOL = "security.protocol";

    private KafkaClientConfigFile() {
    }

    /** The file's settings; fails naming {@code setting} when it cannot be read or holds a key or value it refuses. */
    public static Map<String, String> read(Path file, String setting) {
        Require.that(Files.isRegularFile(file) && Files.isReadable(file), setting, file, "must be a readable file");
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw Require.failure(setting, file, "cannot be read as a properties file: " + e.getMessage());
        }
        Map<String, String> settings = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            Require.that(securityKey(key), setting, file, "may hold only security.protocol, sasl.* and ssl.* client "
                    + "settings of Kafka, not " + key);
            settings.put(key, p.getProperty(key).trim());
        }
        Require.that(settings.containsKey(PROTOCOL), setting, file, "must set " + PROTOCOL + " (one of "
                + SecurityProtocol.names() + ")");
        Require.that(SecurityProtocol.names().contains(settings.get(PROTOCOL)), setting, file, PROTOCOL + " must be "
                + "one of " + SecurityProtocol.names() + " (was " + settings.get(PROTOCOL) + ")");
        warnIfOthersMayRead(file, setting);
        return settings;
    }

    private static boolean securityKey(String key) {
        boolean known = ProducerConfig.configNames().contains(key) || ConsumerConfig.configNames().contains(key);
        return known && (key.equals(PROTOCOL) || key.startsWith("sasl.") || key.startsWith("ssl."));
    }

    /** The file usually holds a password ({@code sasl.jaas.config}) or a key store's. */
    private static void warnIfOthersMayRead(Path file, String setting) {
        try {
            Set<PosixFilePermission> open = PrivateFiles.openToOthers(file);
            if (open.contains(PosixFilePermission.OTHERS_READ) || open.contains(PosixFilePermission.GROUP_READ)) {
                LOG.warn("{} = {} may be read by other users ({}): it holds Kafka credentials; chmod 600 it", setting,
                        file, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        } catch (IOException e) {
            LOG.warn("cannot read the permissions of {} = {}: {}", setting, file, e.toString());
        }
    }
}
