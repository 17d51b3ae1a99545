package io.anju.jobs.topology;

import io.anju.common.topic.KafkaConnection;
import io.anju.jobs.config.JobsSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a Flink cluster the client config file is read where the job is submitted: its settings must be inside the job
 * graph that goes to the cluster, on the Kafka source and on each of the four Kafka sinks, so that no TaskManager
 * needs (or reads) a file of its own. Nothing connects: Kafka is only named.
 */
class KafkaSecurityInJobGraphTest {
    private static final String SECRET = "travels-with-the-job";

    @Test
    void theAlertingJobsSourceAndSinksCarryTheSecuritySettings(@TempDir Path dir) throws Exception {
        JobsSettings s = JobsSettings.defaults(dir.resolve("registry.json"), dir);
        KafkaConnection kafka = new KafkaConnection("kafka-1:9093", Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"anju-jobs\" password=\"" + SECRET + "\";"));
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(Configuration.fromMap(s.jobConfiguration()));
        // The settings without the connection: only the sources and sinks may carry it here.
        AlertsJob.build(env, s, kafka);

        JobGraph graph = env.getStreamGraph().getJobGraph();
        String submitted = new String(InstantiationUtil.serializeObject(graph), StandardCharsets.ISO_8859_1);

        assertThat(occurrences(submitted, SECRET)).as("the device source and the four sinks").isGreaterThanOrEqualTo(5);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
