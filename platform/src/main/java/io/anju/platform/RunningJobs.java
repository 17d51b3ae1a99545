package io.anju.platform;

import io.anju.common.http.MetricsAccess;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.run.JobsHttp;
import io.anju.jobs.run.JobsRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stream jobs in their MiniCluster with their /health and /metrics; closing takes a savepoint first. */
final class RunningJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningJobs.class);

    private final JobsRunner runner;
    private final JobsHttp http;

    private RunningJobs(JobsRunner runner, JobsHttp http) {
        this.runner = runner;
        this.http = http;
    }

    /** @param metricsPort Flink's Prometheus reporter port; 0 leaves the reporter off */
    static RunningJobs start(JobsSettings settings, String bindHost, int httpPort, int metricsPort) throws Exception {
        JobsRunner runner = new JobsRunner(settings, 0);
        if (metricsPort > 0) {
            runner.withPrometheusReporter(metricsPort);
        }
        try {
            runner.start();
            JobsHttp http = new JobsHttp(runner, bindHost, httpPort, metricsPort, MetricsAccess.of(""));
            LOG.info("jobs {} on Kafka {}; /health on port {}", runner.status(), runner.bootstrap(), http.port());
            return new RunningJobs(runner, http);
        } catch (Exception | Error e) {
            runner.stop();
            throw e;
        }
    }

    JobsRunner runner() {
        return runner;
    }

    int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        runner.stop();
    }
}
