package io.anju.registry.cli;

import io.anju.common.auth.Credentials;
import io.anju.common.registry.RegistryStats;
import io.anju.common.registry.RegistryValidator;
import io.anju.common.registry.RegistryWriter;
import io.anju.registry.generate.GeneratedRegistry;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code registry generate}: a Lianhu-shaped registry plus the device credentials file (mode 600). */
@Command(name = "generate", mixinStandardHelpOptions = true, version = RegistryCommand.VERSION,
        description = "Generate a registry in the shape of Lianhu District and the device credentials file.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the structure (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", defaultValue = "registry.json", description = "Registry file to write (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--credentials",
            description = "Credentials CSV to write, mode 600 (default: credentials.csv next to --out).")
    private Path credentials;

    @Option(names = "--seeded-secrets",
            description = "Derive secrets from the seed as well (reproducible tests only; default: SecureRandom).")
    private boolean seededSecrets;

    @Option(names = "--load-devices", defaultValue = "0",
            description = "Extra chargers load-00001... for load tests and benchmarks (default: ${DEFAULT-VALUE}).")
    private int loadDevices;

    @Override
    public Integer call() {
        Path credentialsFile = credentials != null ? credentials
                : out.toAbsolutePath().resolveSibling("credentials.csv");
        GeneratedRegistry generated = RegistryGenerator.generate(new GeneratorOptions(seed, seededSecrets, loadDevices));
        RegistryValidator.validate(generated.document(), out.toString());
        RegistryWriter.write(out, generated.document());
        Credentials.write(credentialsFile, generated.credentials());
        var printer = spec.commandLine().getOut();
        printer.printf("wrote %s (seed %d) and %s (%d device secrets, mode 600)%n",
                out, seed, credentialsFile, generated.credentials().size());
        printer.print(RegistryStats.of(generated.document()).format());
        printer.flush();
        return 0;
    }
}
