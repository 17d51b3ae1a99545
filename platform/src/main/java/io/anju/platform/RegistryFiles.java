package io.anju.platform;

import io.anju.common.auth.Credentials;
import io.anju.common.registry.RegistryValidator;
import io.anju.common.registry.RegistryWriter;
import io.anju.registry.generate.GeneratedRegistry;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Lianhu registry and its device secrets, generated once (as {@code ./anju registry generate --seed 2020} does)
 * and then kept: later runs, and edits an operator makes, use the files as they are.
 */
final class RegistryFiles {
    static final long SEED = 2020;
    private static final Logger LOG = LoggerFactory.getLogger(RegistryFiles.class);

    private RegistryFiles() {
    }

    static void ensure(Path registry, Path credentials) throws IOException {
        if (Files.exists(registry)) {
            if (!Files.exists(credentials)) {
                throw new IllegalStateException(registry + " exists but " + credentials + " (the device secrets) does "
                        + "not: the simulator cannot sign devices in; remove the registry to generate both again");
            }
            return;
        }
        Files.createDirectories(registry.toAbsolutePath().getParent());
        GeneratedRegistry generated = RegistryGenerator.generate(new GeneratorOptions(SEED, false));
        RegistryValidator.validate(generated.document(), registry.toString());
        RegistryWriter.write(registry, generated.document());
        Credentials.write(credentials, generated.credentials());
        LOG.info("generated the Lianhu registry (seed {}) into {} with {} device secrets", SEED, registry,
                generated.credentials().size());
    }
}
