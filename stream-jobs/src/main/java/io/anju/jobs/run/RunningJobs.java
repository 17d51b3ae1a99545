package io.anju.jobs.run;

import io.anju.common.http.MetricsAccess;
import io.anju.jobs.config.JobsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream jobs in their MiniCluster with their /health and /metrics, as {@code ./anju jobs} and the one-process
 * platform run them; closing takes a savepoint first.
 */
public final class RunningJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningJobs.class);

    private final JobsRunner runner;
    private final JobsHttp http;

    private RunningJobs(JobsRunner runner, JobsHttp http) {
        this.runner = runner;
        this.http = http;
    }

    /**
     * @param embeddedKafkaPort the embedded broker's port, when the settings name no Kafka
     * @param metricsPort       Flink's Prometheus reporter port; 0 leaves the reporter off
     */
    public static RunningJobs start(JobsSettings settings, int embeddedKafkaPort, String bindHost, int httpPort,
                                    int metricsPort, MetricsAccess metricsAccess) throws Exception {
        JobsRunner runner = new JobsRunner(settings, embeddedKafkaPort);
        if (metricsPort > 0) {
            runner.withPrometheusReporter(metricsPort);
        }
        try {
            runner.start();
            JobsHttp http = new JobsHttp(runner, bindHost, httpPort, metricsPort, metricsAccess);
            LOG.info("jobs {} on Kafka {}; /health on port {}", runner.status(), runner.bootstrap(), http.port());
            return new RunningJobs(runner, http);
        } catch (Exception | Error e) {
            runner.stop();
            throw e;
        }
    }

    public JobsRunner runner() {
        return runner;
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        LOG.info("stopping the jobs (savepoint) ...");
        http.close();
        runner.stop();
    }
}
