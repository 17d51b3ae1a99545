package io.anju.cases.devices.cli;

import io.anju.cases.devices.RegistryRulesException;
import io.anju.cases.model.CaseException;
import io.anju.common.registry.RegistryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code anju device}: add, list, disable, enable, move devices and rotate their secrets, in the case store's registry
 * (the running case service relays each change to {@code anju.registry}). A refused change (unknown device, id in use,
 * a registry rule broken) prints every problem and exits 2; bad usage exits 2 with the usage text.
 */
@Command(name = "device", mixinStandardHelpOptions = true, version = "anju device",
        description = "Manage the registry's devices (the case store is the registry's source of truth).",
        subcommands = {DeviceListCommand.class, DeviceAddCommand.class, DeviceEnableCommand.Disable.class,
                DeviceEnableCommand.Enable.class, DeviceMoveCommand.class, DeviceRotateCommand.class,
                DeviceImportCommand.class})
public final class DeviceCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DeviceCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof RegistryRulesException r) {
                commandLine.getErr().println("device: refused, " + r.problems().size() + " problem(s):");
                r.problems().forEach(p -> commandLine.getErr().println("  " + p));
                return 2;
            }
            if (e instanceof CaseException || e instanceof RegistryException || e instanceof IllegalArgumentException
                    || e instanceof IllegalStateException) {
                commandLine.getErr().println("device: " + e.getMessage());
                return 2;
            }
            commandLine.getErr().println("device: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: list, add, disable, enable, move, rotate-secret or import");
    }
}
