package io.anju.registry.cli;

import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;

/**
 * {@code anju registry}: generate, validate and summarise registry files. Bad input ends with exit code 1 and
 * a one-paragraph message (no stack trace); bad usage with exit code 2 and the usage text.
 */
@Command(name = "registry", mixinStandardHelpOptions = true, version = RegistryCommand.VERSION,
        description = "Generate, validate and summarise the registry of places and devices.",
        subcommands = {GenerateCommand.class, ValidateCommand.class, StatsCommand.class})
public final class RegistryCommand implements Runnable {
    static final String VERSION = "anju registry (registry format version " + RegistryDocument.CURRENT_VERSION + ")";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for {@link #main} and for tests that capture its output. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RegistryCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof RegistryException || e instanceof UncheckedIOException || e instanceof IllegalArgumentException) {
                String cause = e instanceof UncheckedIOException && e.getCause() != null
                        ? " (" + e.getCause().getMessage() + ")" : "";
                commandLine.getErr().println("registry: " + e.getMessage() + cause);
                return 1;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: generate, validate or stats");
    }
}
