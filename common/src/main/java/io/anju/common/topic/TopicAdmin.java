package io.anju.common.topic;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates missing topics up front, so no producer or consumer waits on (or races) topic auto-creation. */
public final class TopicAdmin {
    private TopicAdmin() {
    }

    /**
     * Creates those of {@code topics} that do not exist; fails naming {@code setting} and the broker when it cannot
     * be reached within 30 s. Several parts of the platform may race to create the same topic: that is fine.
     */
    public static void ensure(String bootstrap, String setting, Collection<String> topics, int partitions,
                              short replicationFactor) {
        Map<String, Object> props = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, replicationFactor))
                    .toList();
            for (var created : admin.createTopics(missing).values().values()) {
                try {
                    created.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create Kafka topics on " + setting + "=" + bootstrap, e);
        }
    }
}
