package io.anju.cases.devices.bulk;

import io.anju.cases.devices.DeviceRegistry;
import io.anju.common.auth.SecretIssuer;
import io.vertx.core.Future;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bulk import of devices from CSV into the current registry, all or nothing ({@link ImportPlan} says what a file does).
 * A file with any problem is refused with every problem and changes nothing; a dry run reports the same problems, or
 * what would change, and writes nothing. A real import is one registry revision (relayed to {@code anju.registry} like
 * any change) with one {@code import} audit row: bounded whatever the size of the file; the revision's change text
 * carries the file name and counts.
 */
public final class DeviceImporter {
    /** Lines an import takes at most: the district's whole registry is ~20,000 devices. */
    public static final int MAX_LINES = 50_000;
    /** The largest CSV the API takes: 50,000 lines of ~200 bytes with room to spare. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    /** What an import did, or would do in a dry run (then {@code revision} is the current one, and no secrets). */
    public record Result(boolean dryRun, int added, int updated, int unchanged, long revision,
                         List<ImportPlan.Secret> secrets) {
    }

    private final DeviceRegistry registry;

    public DeviceImporter(DeviceRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param source how to name the file in messages and in the revision's change text
     * @throws ImportRefusedException (in the future) listing every problem, nothing written
     */
    public Future<Result> importCsv(String source, String text, boolean dryRun, String by) {
        DeviceCsv.Read csv = DeviceCsv.read(text);
        if (csv.lines().size() > MAX_LINES) {
            return Future.failedFuture(new ImportRefusedException(source, List.of(ImportProblem.ofLine(
                    csv.lines().get(MAX_LINES).line(), "an import takes at most " + MAX_LINES + " devices; split the file"))));
        }
        SecretIssuer issuer = SecretIssuer.secure();
        if (dryRun) {
            return registry.current().map(current -> {
                ImportPlan plan = ImportPlan.of(current.document(), csv, issuer);
                refuseIfProblems(source, plan);
                return new Result(true, plan.added(), plan.updated(), plan.unchanged(), current.revision(), List.of());
            });
        }
        AtomicReference<ImportPlan> planned = new AtomicReference<>();
        return registry.rewrite(current -> {
            ImportPlan plan = ImportPlan.of(current, csv, issuer);
            refuseIfProblems(source, plan);
            planned.set(plan);
            return plan.next();
        }, by, () -> "import " + source + ": " + planned.get().added() + " added, " + planned.get().updated()
                + " updated").map(revision -> {
            ImportPlan plan = planned.get();
            return new Result(false, plan.added(), plan.updated(), plan.unchanged(), revision.revision(),
                    plan.secrets());
        });
    }

    private static void refuseIfProblems(String source, ImportPlan plan) {
        if (!plan.problems().isEmpty()) {
            throw new ImportRefusedException(source, plan.problems());
        }
    }
}
