package io.anju.cases.devices.cli;

import io.anju.cases.devices.RegistryRevision;
import io.anju.cases.devices.RegistryRulesException;
import io.anju.cases.devices.RegistryStore;
import io.anju.cases.devices.bulk.CsvColumn;
import io.anju.cases.devices.bulk.DeviceCsv;
import io.anju.cases.devices.bulk.DeviceImporter;
import io.anju.cases.devices.bulk.ImportPlan;
import io.anju.cases.devices.bulk.ImportRefusedException;
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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code device import FILE [--dry-run] [--secrets-out FILE]}, all or nothing. A device CSV (by its {@code .csv} name
 * or its header) adds and updates devices in the current registry ({@link ImportPlan}); the secrets of added devices go
 * to a new file readable by its owner only. A registry file ({@code ./anju registry generate} output, or an export)
 * becomes the whole registry. Either way a file with problems changes nothing and every problem is printed, one a
 * line; {@code --dry-run} checks and prints what would change without writing.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import devices from a CSV into the registry, or replace the registry with a registry file "
                + "(all or nothing); --dry-run lists every problem and what would change.",
                "CSV header (id and type required, other columns optional, any order):",
                "  " + CsvColumn.FULL_HEADER})
final class DeviceImportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DeviceStoreOptions store;

    @Parameters(index = "0", description = "A device CSV (.csv), or a registry file (registry.json format).")
    private Path file;

    @Option(names = "--dry-run", description = "Check the file and show what would change; write nothing.")
    private boolean dryRun;

    @Option(names = "--secrets-out", description = "CSV import: where the secrets of added devices go (id,secret; "
            + "mode 600, never overwritten; default: <file>.secrets.csv beside the file).")
    private Path secretsOut;

    @Override
    public Integer call() throws Exception {
        String text = Files.readString(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") || DeviceCsv.looksLikeCsv(text)) {
            return importCsv(text);
        }
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

    private int importCsv(String text) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path secrets = dryRun ? null : SecretsFile.create(secretsOut != null ? secretsOut
                : file.resolveSibling(file.getFileName().toString().replaceFirst("(?i)\\.csv$", "") + ".secrets.csv"));
        DeviceImporter.Result result;
        try (DeviceSession session = store.open()) {
            result = DeviceSession.await(new DeviceImporter(session.devices()).importCsv(file.getFileName().toString(), text,
                    dryRun, store.changedBy()));
        } catch (ImportRefusedException e) {
            SecretsFile.deleteEmpty(secrets);
            PrintWriter err = spec.commandLine().getErr();
            err.printf("device: import of %s refused, nothing changed: %d problem(s):%n", file, e.problems().size());
            e.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return 2;
        } catch (Exception e) {
            SecretsFile.deleteEmpty(secrets);
            throw e;
        }
        if (dryRun) {
            out.printf("dry run: %s passes every check: %d device(s) would be added, %d updated, %d unchanged; "
                    + "nothing written%n", file, result.added(), result.updated(), result.unchanged());
        } else {
            SecretsFile.write(secrets, result.secrets());
            out.printf("imported %s as revision %d: %d device(s) added, %d updated, %d unchanged%n", file,
                    result.revision(), result.added(), result.updated(), result.unchanged());
            if (result.secrets().isEmpty()) {
                SecretsFile.deleteEmpty(secrets);
            } else {
                out.printf("the secrets of the %d added device(s) are in %s (readable by you only; give it to the "
                        + "installer, then delete it: only their hashes are kept)%n", result.secrets().size(), secrets);
            }
        }
        out.flush();
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
