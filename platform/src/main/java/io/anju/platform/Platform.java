package io.anju.platform;

import io.anju.cases.auth.cli.UserDemoCommand;
import io.anju.cases.auth.cli.UserDemoCommand.DemoUser;
import io.anju.cases.run.CasesConfig;
import io.anju.cases.run.CasesServer;
import io.anju.common.config.Setting;
import io.anju.common.http.MetricsAccess;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.common.topic.KafkaConnection;
import io.anju.gateway.GatewayNode;
import io.anju.gateway.ingest.ReceiveClock;
import io.anju.gateway.config.GatewayConfig;
import io.anju.jobs.config.JobsConfig;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.run.JobsRunner;
import io.anju.jobs.run.RunningJobs;
import io.anju.platform.DashboardsStep.DashboardsWiring;
import io.anju.platform.DashboardsStep.RunningDashboards;
import io.anju.sim.run.SimStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The whole platform in one process, started in order — the gateway with its embedded Kafka, the Flink jobs, the
 * case service with its embedded PostgreSQL, the dashboards, the demo users, the simulator with the demo scenario —
 * and stopped in the reverse order by {@link #close()}: the simulator first, the jobs with a savepoint while Kafka is
 * still up, the gateway and Kafka last. Everything stays under the data directory; a second start continues from it.
 */
public final class Platform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

    private final PlatformSettings settings;
    private final DashboardsStep dashboardsStep;
    private final Deque<Part> started = new ArrayDeque<>();
    private Registry registry;
    private GatewayNode gateway;
    /** The simulated district's clock once the simulator runs: the gateway stamps receive times with it. */
    private final ReceiveClock receiveClock = new ReceiveClock();
    private RunningJobs jobs;
    private CasesServer cases;
    private RunningDashboards dashboards;
    private RunningSimulation simulation;
    private List<DemoUser> team = List.of();
    private boolean closed;

    /** A platform not started yet; {@link #close()} may be called from another thread at any time, even during start. */
    public Platform(PlatformSettings settings, DashboardsStep dashboardsStep) {
        this.settings = settings;
        this.dashboardsStep = dashboardsStep;
    }

    /** Starts the platform with the dashboards of this build. */
    public static Platform start(PlatformSettings settings) throws Exception {
        return new Platform(settings, new BundledDashboards()).start();
    }

    /** Starts every part; if one fails, what was started is stopped again and the failure is rethrown. */
    public Platform start() throws Exception {
        try {
            startParts();
            return this;
        } catch (Exception | Error e) {
            LOG.error("the platform did not start ({}); stopping what was started", e.toString());
            close();
            throw e;
        }
    }

    private void startParts() throws Exception {
        Files.createDirectories(settings.dataDir());
        RegistryFiles.ensure(settings.registryFile(), settings.credentialsFile());
        registry = RegistryLoader.load(settings.registryFile());
        team = UserDemoCommand.team(registry);

        gateway = new GatewayNode(GatewayConfig.of(gatewaySettings())).withReceiveClock(receiveClock).start();
        register("gateway and embedded Kafka", gateway);

        JobsSettings jobsSettings = JobsConfig.of(jobsSettings()).settings().withKafka(gateway.kafka());
        if (settings.influxUrl() == null) {
            LOG.warn("no InfluxDB: alerts and cases work, but no history is written (no time series of chargers, "
                    + "zones or gates; the dashboards' history charts stay empty)");
        }
        jobs = RunningJobs.start(jobsSettings, 0, settings.bindHost(), settings.ports().jobsHttp(),
                settings.ports().jobsMetrics(), MetricsAccess.of(""));
        register("stream jobs", jobs);

        // The resume guard reads port temperatures from the history job's InfluxDB, judged by the district's time.
        Map<String, String> casesSettings = new HashMap<>(settings.cases());
        casesSettings.putAll(Map.of(
                "http.host", settings.bindHost(),
                "http.port", String.valueOf(settings.ports().casesHttp()),
                "registry.file", settings.registryFile().toString(),
                "data.dir", settings.dataDir().toString(),
                "kafka.bootstrap", gateway.kafka().bootstrapServers(),
                "kafka.clientConfig", kafkaClientConfig(),
                "deadlines.scale", String.valueOf(settings.casesDeadlineScale()),
                "commands.influx.url", settings.influxUrl() == null ? "" : settings.influxUrl(),
                "commands.influx.credentialsFile", settings.influxCredentialsSetting(),
                "commands.readingMaxAge", settings.casesReadingMaxAge().toMillis() + "ms"));
        cases = CasesServer.start(CasesConfig.of(casesSettings), Clock.systemUTC(), receiveClock);
        register("case service", cases);

        dashboards = dashboardsStep.start(new DashboardsWiring(settings.bindHost(),
                settings.ports().dashboardsHttp(), settings.registryFile(), settings.dataDir(),
                gateway.kafka().bootstrapServers(), kafkaClientConfig(), local(cases.httpPort()), settings.influxUrl(),
                settings.influxCredentialsSetting(),
                local(gateway.server().httpPort()), local(jobs.httpPort())));
        register("dashboards", dashboards);

        DemoUsers.provision(cases.users(), team, UserDemoCommand.DEMO_PASSWORD);
        DemoContacts.provision(cases.people(), team);

        if (settings.simulate()) {
            simulation = RunningSimulation.start(settings, registry, gateway.server().mqttPort(), receiveClock);
            register("simulator", simulation);
        }
        LOG.info("platform up: dashboards on {}", PlatformUrls.of(this).dashboards());
    }

    /** Records a started part; one that finishes starting after {@link #close()} is stopped at once. */
    private synchronized void register(String name, AutoCloseable part) throws Exception {
        if (closed) {
            part.close();
            throw new IllegalStateException("the platform was stopped while the " + name + " started");
        }
        started.push(new Part(name, part));
    }

    /**
     * The jobs' settings (their table's defaults but these): the platform's files and InfluxDB, and the spans that
     * scale with the simulator's speed. The stop's confirmation waits on a command travelling in real time, so its
     * bound scales with the speed; the cap on mass cut-offs (its default, 3 per compound per minute) counts device
     * time only and does not.
     */
    private Map<String, String> jobsSettings() {
        Map<String, String> jobs = new HashMap<>(Map.of(
                "registry.file", settings.registryFile().toString(),
                "data.dir", settings.dataDir().toString(),
                "time.quietAfter", Setting.format(settings.jobsQuietAfter()),
                "time.clockTolerance", Setting.format(settings.jobsClockTolerance()),
                "autoStop.confirmWithin", Setting.format(settings.jobsStopConfirmWithin())));
        if (settings.influxUrl() != null) {
            jobs.put("influx.url", settings.influxUrl());
            jobs.put("influx.credentialsFile", settings.influxCredentialsSetting());
        }
        return jobs;
    }

    private Map<String, String> gatewaySettings() {
        return Map.of(
                "mqtt.host", settings.bindHost(),
                "mqtt.port", String.valueOf(settings.ports().mqtt()),
                "http.host", settings.bindHost(),
                "http.port", String.valueOf(settings.ports().gatewayHttp()),
                "kafka.port", String.valueOf(settings.ports().kafka()),
                "data.dir", settings.dataDir().toString(),
                "registry.file", settings.registryFile().toString(),
                "auth.tokenSecretsFile", settings.credentialsFile().toString());
    }

    private static String local(int port) {
        return "http://127.0.0.1:" + port;
    }

    public PlatformSettings settings() {
        return settings;
    }

    public Registry registry() {
        return registry;
    }

    public GatewayNode gateway() {
        return gateway;
    }

    /** The embedded broker, with the credentials of its SCRAM user. */
    public KafkaConnection kafka() {
        return gateway.kafka();
    }

    /** The file with those credentials: {@code kafka.clientConfig} of a service outside this process. */
    public String kafkaClientConfig() {
        return gateway.kafkaClientConfig().map(Path::toString).orElse("");
    }

    public JobsRunner jobs() {
        return jobs.runner();
    }

    public int jobsHttpPort() {
        return jobs.httpPort();
    }

    public CasesServer cases() {
        return cases;
    }

    public int dashboardsHttpPort() {
        return dashboards.httpPort();
    }

    /** The demo scenario being played; empty with {@code simulate} off. */
    public Optional<DemoScenario> scenario() {
        return Optional.ofNullable(simulation).map(RunningSimulation::scenario);
    }

    /** The simulated district's time now (Unix ms), the time of the scenario's fault plan; empty with simulate off. */
    public OptionalLong simulatedNow() {
        return simulation == null ? OptionalLong.empty() : OptionalLong.of(simulation.simulation().clock().now());
    }

    public Optional<SimStats> simulatorStats() {
        return Optional.ofNullable(simulation).map(RunningSimulation::stats);
    }

    /** The demo team, one person per role; every one signs in with {@link #demoPassword()}. */
    public List<DemoUser> demoTeam() {
        return team;
    }

    public String demoPassword() {
        return UserDemoCommand.DEMO_PASSWORD;
    }

    /** Stops every started part in the reverse order; a part that fails to stop is logged and the rest go on. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            Part part = started.pop();
            LOG.info("stopping the {} ...", part.name());
            try {
                part.closeable().close();
            } catch (Exception e) {
                LOG.warn("stopping the {} failed: {}", part.name(), e.toString());
            }
        }
        LOG.info("platform stopped; data kept under {}", settings.dataDir());
    }

    private record Part(String name, AutoCloseable closeable) {
    }
}
