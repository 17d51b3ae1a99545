package io.anju.jobs.topology;

import io.anju.common.topic.KafkaConnection;
import io.anju.jobs.config.JobsSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history job's graph as it is submitted, with the jobs' configuration (Kryo off): every type has Flink type
 * information, every function serialises, and the charger points go to a sink chained to the operator that makes
 * them; InfluxDB credentials serialise with the sink (a cluster's TaskManagers never read the file). Nothing
 * connects: Kafka and InfluxDB are only named.
 */
class HistoryJobTest {

    @Test
    void graph_hasNoGenericTypes_andTheChargerSinkIsChained(@TempDir Path dir) throws Exception {
        Path credentials = Files.writeString(Files.createFile(dir.resolve("influx.properties"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                "username=anju\npassword=pw\n");
        JobsSettings s = JobsSettings.defaults(dir.resolve("registry.json"), dir, Map.of(
                "influx.url", "http://127.0.0.1:8086", "influx.credentialsFile", credentials.toString()));
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(Configuration.fromMap(s.jobConfiguration()));
        HistoryJob.build(env, s, KafkaConnection.plain("127.0.0.1:9092"));

        JobGraph graph = env.getStreamGraph().getJobGraph();

        assertThat(graph.getVertices()).extracting(JobVertex::getName)
                .anySatisfy(name -> assertThat(name).contains("charger history").contains("InfluxDB: chargers"));
    }
}
