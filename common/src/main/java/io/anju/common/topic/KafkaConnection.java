package io.anju.common.topic;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * How a service reaches its Kafka cluster: the bootstrap servers and the client security settings (SASL, TLS) read
 * from the service's {@code kafka.clientConfig} file. Every producer, consumer and admin client of a service starts
 * from {@link #clientProperties()}, so none of them connects without the credentials. Serializable: a Flink job takes
 * it along to its task managers, which then need no file of their own.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param security         {@code security.protocol}, {@code sasl.*} and {@code ssl.*} client settings; empty = PLAINTEXT
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> security) implements Serializable {

    public KafkaConnection {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        security = Map.copyOf(security);
    }

    /** A cluster that takes unauthenticated PLAINTEXT clients, such as the embedded broker. */
    public static KafkaConnection plain(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /**
     * {@code bootstrapServers} with the security settings of the client properties file {@code clientConfig} (empty =
     * none), checked by {@link KafkaClientConfigFile}; a bad file fails naming {@code setting}.
     */
    public static KafkaConnection of(String bootstrapServers, String clientConfig, String setting) {
        return new KafkaConnection(bootstrapServers, clientConfig == null || clientConfig.isBlank() ? Map.of()
                : KafkaClientConfigFile.read(Path.of(clientConfig), setting));
    }

    /** The same security settings towards other servers (the embedded broker once it has started). */
    public KafkaConnection withBootstrapServers(String servers) {
        return new KafkaConnection(servers, security);
    }

    /** A new, modifiable map with {@code bootstrap.servers} and the security settings, for a client to add its own. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new HashMap<>(security);
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** {@link #clientProperties()} as {@link Properties}, for clients (and Flink builders) that take those. */
    public Properties properties() {
        Properties p = new Properties();
        p.putAll(clientProperties());
        return p;
    }

    /** Only the security settings, without {@code bootstrap.servers} (Flink's builders set that on their own). */
    public Properties securityProperties() {
        Properties p = new Properties();
        p.putAll(security);
        return p;
    }

    /** The protocol clients use: PLAINTEXT unless the client config says otherwise. */
    public String securityProtocol() {
        return security.getOrDefault("security.protocol", "PLAINTEXT");
    }

    /** Never the settings themselves: {@code sasl.jaas.config} holds a password. */
    @Override
    public String toString() {
        return bootstrapServers + " (" + securityProtocol() + ")";
    }
}
