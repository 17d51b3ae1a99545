package io.anju.jobs;

import io.anju.common.cli.SettingKey;
import picocli.CommandLine.Option;

/**
 * Where the jobs read and write (registry, Kafka, InfluxDB): the flags {@code ./anju jobs} and the job jar both take,
 * declared once as a picocli mixin. Each flag stands for the setting of {@link io.anju.jobs.config.JobsConfig} it
 * names.
 */
final class JobsEndpointOptions {
    @Option(names = "--registry", description = "Registry file (registry.file, default ./data/registry.json); edits "
            + "reach running jobs. On a Flink cluster every TaskManager must read it (shared volume).")
    @SettingKey("registry.file")
    private String registry;
    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (kafka.bootstrap; ./anju jobs' default: an "
            + "embedded broker under --data-dir; the job jar needs it).")
    @SettingKey("kafka.bootstrap")
    private String bootstrap;
    @Option(names = "--kafka-client-config", description = "Kafka client properties file with the cluster's security "
            + "settings (kafka.clientConfig: security.protocol, sasl.*, ssl.*; as Kafka tools' --command-config), "
            + "read where the jobs are started or submitted: the settings travel with the job (key and trust stores "
            + "named in it must exist on every TaskManager; default: none, PLAINTEXT).")
    @SettingKey("kafka.clientConfig")
    private String kafkaClientConfig;
    @Option(names = "--influx-url", description = "InfluxDB URL, e.g. http://127.0.0.1:8086 (influx.url; default: "
            + "none, no history is written; the job jar's --job history needs it).")
    @SettingKey("influx.url")
    private String influxUrl;
    @Option(names = "--influx-db", description = "InfluxDB database (influx.db, default anju).")
    @SettingKey("influx.db")
    private String influxDb;
    @Option(names = "--influx-credentials", paramLabel = "FILE", description = "InfluxDB credentials file "
            + "(influx.credentialsFile: username=, password=; mode 600), as scripts/influxdb.sh writes to <its data "
            + "dir>/credentials.properties; read where the jobs are started or submitted: the credentials travel "
            + "with the job (default: none, an InfluxDB without authentication).")
    @SettingKey("influx.credentialsFile")
    private String influxCredentials;
}
