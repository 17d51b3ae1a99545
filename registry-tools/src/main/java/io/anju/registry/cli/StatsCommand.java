package io.anju.registry.cli;

import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.common.registry.RegistryStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code registry stats FILE}: counts of each level and device type of a (valid) registry. */
@Command(name = "stats", mixinStandardHelpOptions = true, version = RegistryCommand.VERSION, description = "Print counts of places and devices.")
final class StatsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The registry file.")
    private Path file;

    @Override
    public Integer call() {
        Registry registry = RegistryLoader.load(file);
        spec.commandLine().getOut().printf("%s (seed %d)%n", file, registry.document().seed());
        spec.commandLine().getOut().print(RegistryStats.of(registry.document()).format());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
