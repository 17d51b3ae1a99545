package io.anju.sim;

import io.anju.common.registry.RegistryException;
import io.anju.sim.cli.FloodCommand;
import io.anju.sim.cli.LoadCommand;
import io.anju.sim.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The device simulator's command line: {@code run} plays devices, {@code load} measures the gateway, {@code flood}
 * attacks it with bare sockets from one source.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        subcommands = {RunCommand.class, LoadCommand.class, FloodCommand.class},
        description = "Anju device simulator (MQTT, Eclipse Paho and Netty).")
public final class SimMain implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; bad settings are reported with the option's name and exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SimMain());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException
                    || e instanceof RegistryException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
