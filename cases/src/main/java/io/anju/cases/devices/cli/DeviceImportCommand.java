package io.anju.cases.devices.cli;

import io.anju.cases.devices.RegistryRevision;
import io.anju.cases.devices.RegistryRulesException;
import io.anju.cases.devices.RegistryStore;
import io.anju.common.json.Json;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryException;
import io.anju.common.registry.RegistryValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code device import FILE [--dry-run]}: a registry file ({@code ./anju registry generate} output, or an export)
 * becomes the whole registry as one new revision, all or nothing. A file that breaks a rule changes nothing and every
 * problem is printed, one a line; {@code --dry-run} checks and prints what would change without writing.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Replace the registry with a registry file (all or nothing); --dry-run lists every problem and what would change.")
final class DeviceImportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DeviceStoreOptions store;

    @Parameters(index = "0", description = "The registry file (registry.json format).")
    private Path file;

    @Option(names = "--dry-run", description = "Check the file and show what would change; write nothing.")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
        RegistryDocument document = read(file);
        PrintWriter out = spec.commandLine().getOut();
        try (DeviceSession session = store.open()) {
            RegistryStore registry = session.store();
            Optional<RegistryRevision> current = DeviceSession.await(registry.current());
            out.println(difference(current.map(r -> new Registry(r.document())).orElse(null), document));
            if (dryRun) {
                try {
                    RegistryValidator.validate(document, file.toString());
                } catch (RegistryException e) {
                    throw new RegistryRulesException("import of " + file, e.problems());
                }
                out.printf("dry run: %s passes every registry rule; nothing written%n", file);
            } else {
                RegistryRevision revision = DeviceSession.await(registry.replace(document, store.changedBy(),
                        "import " + file.getFileName() + " (" + document.devices().size() + " devices)"));
                out.printf("imported %s as revision %d%n", file, revision.revision());
            }
            out.flush();
        }
        return 0;
    }

    /** Parses the file without the rules (those are reported as the store's refusal, every one). */
    private static RegistryDocument read(Path file) {
        try {
            return Json.mapper().readValue(Files.readAllBytes(file), RegistryDocument.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + " as a registry file: " + e.getMessage(), e);
        }
    }

    private static String difference(Registry before, RegistryDocument after) {
        if (before == null) {
            return "the store holds no registry yet: " + after.devices().size() + " devices would be its revision 1";
        }
        Registry next = new Registry(after);
        long added = next.devices().stream().filter(d -> before.device(d.id()).isEmpty()).count();
        long removed = before.devices().stream().filter(d -> next.device(d.id()).isEmpty()).count();
        long changed = next.devices().stream().filter(d -> before.device(d.id()).map(b -> !b.equals(d)).orElse(false))
                .count();
        return added + " device(s) added, " + removed + " removed, " + changed + " changed; " + after.compounds().size()
                + " compounds, " + after.zones().size() + " zones";
    }
}
