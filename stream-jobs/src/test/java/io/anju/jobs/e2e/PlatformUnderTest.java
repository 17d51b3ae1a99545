package io.anju.jobs.e2e;

import io.anju.common.auth.Credentials;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.TopicAdmin;
import io.anju.common.topic.Topics;
import io.anju.gateway.GatewayNode;
import io.anju.gateway.config.GatewayConfig;
import io.anju.gateway.ingest.ReceiveClock;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.run.JobsRunner;
import io.anju.registry.generate.GeneratedRegistry;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.anju.sim.run.RunSettings;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import io.anju.sim.run.SimulationFactory;
import io.anju.testsupport.InfluxServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real platform on loopback: a generated Lianhu registry, a gateway with its embedded Kafka, and the stream
 * jobs in a Flink MiniCluster reading from it. What a test plays against it is up to the test.
 */
final class PlatformUnderTest implements AutoCloseable {
    static final long REGISTRY_SEED = 2020;

    final Path dir;
    final Path registryFile;
    final Registry registry;
    final Map<String, String> secrets = new HashMap<>();
    final GatewayNode gateway;
    /** The gateway's receive clock: it follows the simulation's once one is created ({@link #simulation}). */
    private final ReceiveClock receiveClock;

    private PlatformUnderTest(Path dir, Path registryFile, Registry registry, List<Credentials.Entry> credentials,
                              GatewayNode gateway, ReceiveClock receiveClock) {
        this.receiveClock = receiveClock;
        this.dir = dir;
        this.registryFile = registryFile;
        this.registry = registry;
        credentials.forEach(e -> secrets.put(e.deviceId(), e.secret()));
        this.gateway = gateway;
    }

    static PlatformUnderTest start(Path dir) throws InterruptedException {
        GeneratedRegistry generated = RegistryGenerator.generate(new GeneratorOptions(REGISTRY_SEED, true, 0));
        Path registryFile = dir.resolve("registry.json");
        RegistryWriter.write(registryFile, generated.document());
        ReceiveClock receiveClock = new ReceiveClock();
        GatewayNode gateway = new GatewayNode(GatewayConfig.of(Map.of(
                "node.id", "gw-e2e",
                "mqtt.host", "127.0.0.1",
                "mqtt.port", "0",
                "http.host", "127.0.0.1",
                "http.port", "0",
                "kafka.port", "0",
                "data.dir", dir.resolve("gateway").toString(),
                "registry.file", registryFile.toString())))
                .withReceiveClock(receiveClock).start();
        // The jobs create these too; creating them up front lets readers subscribe before the jobs start.
        TopicAdmin.ensure(gateway.kafka(), "test", List.of(Topics.ALERTS, Topics.COMMANDS, Topics.ZONES), 6,
                (short) 1);
        return new PlatformUnderTest(dir, registryFile, RegistryLoader.load(registryFile), generated.credentials(),
                gateway, receiveClock);
    }

    /** The gateway's embedded broker, which takes its SCRAM user only. */
    KafkaConnection kafka() {
        return gateway.kafka();
    }

    /** The client properties file of that broker: another service's {@code kafka.clientConfig}. */
    String kafkaClientConfig() {
        return gateway.kafkaClientConfig().orElseThrow().toString();
    }

    String mqttUri() {
        return "tcp://127.0.0.1:" + gateway.server().mqttPort();
    }

    /**
     * The simulator playing {@code run} against this platform's gateway, whose receive clock follows the simulation's
     * from now on (as the platform's demo does): simulated devices with a right clock agree with the gateway.
     */
    Simulation simulation(RunSettings run, SimStats stats) {
        Simulation sim = SimulationFactory.create(registry, secrets, run, stats);
        receiveClock.follow(sim.clock()::now);
        return sim;
    }

    /**
     * Settings of the jobs against this platform: 1 s checkpoints, state under {@code dir/jobs}. The simulator runs
     * 120× faster than the wall clock, so the wall-clock knobs of event time shrink with it: a partition counts as
     * quiet after 0.5 s (1 simulated minute), readings may be 30 simulated seconds out of order, and a device clock
     * may be 30 simulated minutes (15 s of real delay in a busy test JVM) off the gateway's before its readings count
     * at their receive time. An automatic stop has 30 simulated minutes too to show in the port's readings: the
     * command itself travels in real time.
     */
    JobsSettings jobsSettings(InfluxServer influx) {
        Map<String, String> s = new HashMap<>(Map.of("checkpoint.interval", "1s", "time.quietAfter", "500ms",
                "time.outOfOrderness", "30s", "time.clockTolerance", "30m", "autoStop.confirmWithin", "30m"));
        if (influx != null) {
            s.put("influx.url", influx.url());
            s.put("influx.credentialsFile", influx.credentialsFile().toString());
        }
        return JobsSettings.defaults(registryFile, dir.resolve("jobs"), s).withKafka(kafka());
    }

    /** The jobs against this platform, writing history to {@code influx} (null: none). */
    JobsRunner jobs(InfluxServer influx) {
        return new JobsRunner(jobsSettings(influx), 0);
    }

    /**
     * A slice of Lianhu for a scenario: the chargers of the first compounds (up to {@code chargers}), the gates and
     * cameras of the first smart-security compound that has an elevator camera, and every Beiyuanmen crowd counter.
     */
    List<Device> scenarioDevices(int chargers) {
        List<Device> chosen = new ArrayList<>(registry.devicesOfType(DeviceType.CHARGER).stream()
                .filter(Device::enabled).limit(chargers).toList());
        String security = registry.devicesOfType(DeviceType.CAMERA).stream()
                .filter(d -> d.enabled() && d.camera() != null && "elevator".equals(d.camera().watches()))
                .map(d -> d.location().compoundId()).findFirst().orElseThrow();
        Set<DeviceType> securityTypes = Set.of(DeviceType.GATE, DeviceType.CAMERA);
        registry.devices().stream()
                .filter(d -> d.enabled() && securityTypes.contains(d.type())
                        && security.equals(d.location().compoundId()))
                .forEach(chosen::add);
        chosen.addAll(registry.devicesOfType(DeviceType.CROWD).stream().filter(Device::enabled).toList());
        return chosen;
    }

    static Set<String> ids(List<Device> devices) {
        Set<String> ids = new LinkedHashSet<>();
        devices.forEach(d -> ids.add(d.id()));
        return ids;
    }

    @Override
    public void close() {
        gateway.close();
    }
}
