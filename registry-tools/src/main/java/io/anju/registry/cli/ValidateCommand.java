package io.anju.registry.cli;

import io.anju.common.auth.Credentials;
import io.anju.common.auth.SecretHash;
import io.anju.common.model.Device;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryException;
import io.anju.common.registry.RegistryLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code registry validate FILE}: loads and checks a registry, and optionally that a credentials file matches it. */
@Command(name = "validate", mixinStandardHelpOptions = true, version = RegistryCommand.VERSION,
        description = "Check a registry file: syntax, version, references, location chains, device attributes.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The registry file.")
    private Path file;

    @Option(names = "--credentials", description = "Also check that every secret in this CSV matches its device's hash.")
    private Path credentials;

    @Override
    public Integer call() {
        Registry registry = RegistryLoader.load(file);
        if (credentials != null) {
            checkCredentials(registry);
        }
        spec.commandLine().getOut().printf("%s: valid (%d devices%s)%n", file, registry.devices().size(),
                credentials == null ? "" : ", secrets in " + credentials + " match");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void checkCredentials(Registry registry) {
        List<String> problems = new ArrayList<>();
        for (Credentials.Entry entry : Credentials.read(credentials)) {
            Optional<Device> device = registry.device(entry.deviceId());
            if (device.isEmpty()) {
                problems.add(credentials + ": device '" + entry.deviceId() + "' is not in " + file);
            } else if (!SecretHash.matches(entry.secret(), device.get().secretHash())) {
                problems.add(credentials + ": the secret of '" + entry.deviceId() + "' does not match its hash in " + file);
            }
        }
        if (!problems.isEmpty()) {
            throw new RegistryException(String.join("\n", problems.subList(0, Math.min(20, problems.size())))
                    + (problems.size() > 20 ? "\n(" + (problems.size() - 20) + " more problems)" : ""), problems);
        }
    }
}
