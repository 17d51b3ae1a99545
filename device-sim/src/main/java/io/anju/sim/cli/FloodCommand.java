package io.anju.sim.cli;

import io.anju.common.cli.Durations;
import io.anju.sim.load.FloodResult;
import io.anju.sim.load.FloodSettings;
import io.anju.sim.load.SocketFlood;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code sim flood}: bare sockets from one source address at a target rate, a progress line a second, a summary. */
@Command(name = "flood", mixinStandardHelpOptions = true,
        description = "Flood the gateway with bare TCP sockets from one source address (an abuse benchmark's attacker).")
public final class FloodCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Gateway host (default ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "1883", description = "Gateway MQTT port (default ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--source", defaultValue = "127.0.0.2",
            description = "Local address every socket is bound to (default ${DEFAULT-VALUE}).")
    String source;
    @Option(names = "--rate", defaultValue = "10000", description = "New sockets per second (default ${DEFAULT-VALUE}).")
    int rate;
    @Option(names = "--duration", defaultValue = "10s", description = "How long to open sockets (default ${DEFAULT-VALUE}).")
    String duration;
    @Option(names = "--hold", defaultValue = "1s",
            description = "How long each socket is held open before it is closed (default ${DEFAULT-VALUE}).")
    String hold;
    @Option(names = "--max-open", defaultValue = "15000",
            description = "Most sockets open at once, within the open-files limit (default ${DEFAULT-VALUE}).")
    int maxOpen;
    @Option(names = "--partial-connect", description = "Send the first two bytes of a CONNECT instead of nothing.")
    boolean partialConnect;

    @Override
    public Integer call() throws Exception {
        FloodSettings s = new FloodSettings(host, port, source, rate,
                (int) Math.max(1, Durations.parseMillis("--duration", duration) / 1000),
                (int) Durations.parseMillis("--hold", hold), maxOpen, partialConnect);
        FloodResult result = new SocketFlood(s, System.out::println).run();
        System.out.print(result.format());
        return result.established() + result.refused() + result.timedOut() == 0 ? 1 : 0;
    }
}
