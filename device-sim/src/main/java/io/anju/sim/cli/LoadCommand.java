package io.anju.sim.cli;

import io.anju.common.cli.Durations;
import io.anju.common.auth.Credentials;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.sim.load.LoadClient;
import io.anju.sim.load.LoadReport;
import io.anju.sim.load.LoadRunner;
import io.anju.sim.load.LoadSettings;
import io.anju.sim.load.LoadStats;
import io.anju.sim.load.LoadTarget;
import io.anju.sim.load.LoadTargets;
import io.anju.sim.load.NettyLoadClient;
import io.anju.sim.load.PahoLoadClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sim load}: N connections publishing at a target rate, with a per-second progress line and a final report. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load the gateway: N device connections, target messages/s, PUBACK latency percentiles.")
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--credentials", required = true, description = "Credentials CSV; device ids and secrets are taken from it.")
    Path credentials;
    @Option(names = "--registry", description = "Registry JSON; when given only enabled devices of it are used.")
    Path registry;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Gateway host (default ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "1883", description = "Gateway MQTT port (default ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--connections", defaultValue = "8", description = "Connections (default ${DEFAULT-VALUE}).")
    int connections;
    @Option(names = "--rate", defaultValue = "1000", description = "Target total messages/s (default ${DEFAULT-VALUE}).")
    int rate;
    @Option(names = "--qos", defaultValue = "1", description = "0 or 1 (default ${DEFAULT-VALUE}).")
    int qos;
    @Option(names = "--payload", defaultValue = "charger", description = "charger (~200 B telemetry), crowd, or snapshot (camera images of --snapshot-bytes; "
            + "default ${DEFAULT-VALUE}).")
    String payload;
    @Option(names = "--duration", defaultValue = "10s", description = "How long to publish or hold (default ${DEFAULT-VALUE}).")
    String duration;
    @Option(names = "--client", defaultValue = "netty", description = "paho or netty (default ${DEFAULT-VALUE}).")
    String client;
    @Option(names = "--idle", description = "Connect and hold idle, reporting the connected count.")
    boolean idle;
    @Option(names = "--window", defaultValue = "100", description = "QoS 1 in-flight messages per connection (default ${DEFAULT-VALUE}).")
    int window;
    @Option(names = "--connect-rate", defaultValue = "2000", description = "New connections per second (default ${DEFAULT-VALUE}).")
    int connectRate;

    @Option(names = "--snapshot-bytes", defaultValue = "" + LoadSettings.DEFAULT_SNAPSHOT_BYTES,
            description = "Size of each image with --payload snapshot (default ${DEFAULT-VALUE}).")
    int snapshotBytes;

    @Override
    public Integer call() throws Exception {
        int seconds = (int) Math.max(1, Durations.parseMillis("--duration", duration) / 1000);
        LoadSettings s = new LoadSettings(host, port, connections, rate, qos, payload, seconds, client, idle, window,
                connectRate, snapshotBytes);
        Registry reg = registry == null ? null : RegistryLoader.load(registry);
        List<LoadTarget> targets = LoadTargets.pick(Credentials.read(credentials), reg, s);
        LoadStats stats = new LoadStats();
        try (LoadClient c = client.equals("paho") ? new PahoLoadClient(s, targets, stats)
                : new NettyLoadClient(s, targets, stats)) {
            LoadReport report = new LoadRunner(s, c, stats, System.out::println).run();
            System.out.print(report.format());
            return report.connected() == 0 ? 1 : 0;
        }
    }
}
