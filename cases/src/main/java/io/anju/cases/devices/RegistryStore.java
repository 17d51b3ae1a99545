package io.anju.cases.devices;

import io.anju.cases.store.CaseRows;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryException;
import io.anju.common.registry.RegistryValidator;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The registry in the case store (tables {@code registry} and {@code registry_changes}): one row with the current
 * document and its revision, and an audit row per change. A change runs in one transaction that locks the row,
 * applies the change, validates the whole new document ({@link RegistryValidator}: a broken rule refuses the change
 * with every problem and writes nothing), bumps the revision and writes the audit row. Reading, validating and
 * writing the whole document (about 6 MB of JSON for 10,000 devices) runs on a worker thread, never on the event loop
 * that serves the API.
 */
public final class RegistryStore {
    private static final String CURRENT = "select revision, changed_at, changed_by, change, document::text as document "
            + "from registry";
    /** Why a change finds nothing to change. */
    public static final String NO_REGISTRY = "the case store holds no registry yet: start the case service once "
            + "with its registry file (registry.file) to import it";

    private final Pool pool;
    private final Clock clock;

    public RegistryStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** The current revision, or empty before the first import. */
    public Future<Optional<RegistryRevision>> current() {
        return pool.query(CURRENT).execute().compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.empty())
                : offLoop(() -> Optional.of(revision(rows.iterator().next()))));
    }

    /** The current revision number: 0 before the first import. */
    public Future<Long> revision() {
        return pool.query("select revision from registry").execute()
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("revision"));
    }

    /** The newest revision the relay published (0: none yet). */
    public Future<Long> publishedRevision() {
        return pool.query("select published_revision from registry").execute()
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("published_revision"));
    }

    /** Remembers that {@code revision} is on the topic (never goes back, should two relays race). */
    public Future<Void> markPublished(long revision) {
        return pool.preparedQuery("update registry set published_revision = greatest(published_revision, $1)")
                .execute(Tuple.of(revision)).mapEmpty();
    }

    /**
     * Imports {@code document} as revision 1 when the store holds no registry yet (the single-machine bootstrap);
     * true when it did. The document is validated first.
     */
    public Future<Boolean> importIfEmpty(RegistryDocument document, String changedBy) {
        Instant now = clock.instant();
        return offLoop(() -> {
            RegistryValidator.validate(document, changedBy);
            return Json.toString(document);
        }).compose(json -> pool.withTransaction(tx -> tx.preparedQuery("insert into registry (id, revision, document, changed_at, "
                        + "changed_by, change) values (true, 1, $1::text::jsonb, $2, $3, $4) on conflict (id) do nothing")
                .execute(Tuple.of(json, CaseRows.time(now), changedBy, "import " + document.devices().size()
                        + " devices"))
                .compose(inserted -> inserted.rowCount() == 0 ? Future.succeededFuture(false)
                        : audit(tx, 1, now, changedBy, "import", null, null, null).map(true))));
    }

    /** Applies {@code change} as {@code changedBy}: the new revision, with the device before and after. */
    public Future<Changed> apply(DeviceChange change, String changedBy) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> tx.query(CURRENT + " for update").execute().compose(rows -> offLoop(() -> {
            if (rows.size() == 0) {
                throw new IllegalStateException(NO_REGISTRY);
            }
            RegistryRevision current = revision(rows.iterator().next());
            long next = current.revision() + 1;
            DeviceChange.Applied applied = change.applyTo(current.document());
            try {
                RegistryValidator.validate(applied.document(), "revision " + next);
            } catch (RegistryException e) {
                throw new RegistryRulesException(change.description(), e.problems());
            }
            return new Prepared(next, applied, Json.toString(applied.document()));
        })).compose(prepared -> {
            long next = prepared.revision();
            DeviceChange.Applied applied = prepared.applied();
            RegistryRevision after = new RegistryRevision(next, now, changedBy, change.description(),
                    applied.document());
            return tx.preparedQuery("update registry set revision = $1, document = $2::text::jsonb, changed_at = $3, "
                            + "changed_by = $4, change = $5")
                    .execute(Tuple.of(next, prepared.json(), CaseRows.time(now), changedBy, change.description()))
                    .compose(v -> audit(tx, next, now, changedBy, change.operation(), change.deviceId(),
                            applied.before(), applied.after()))
                    .map(v -> new Changed(after, applied.before(), applied.after()));
        }));
    }

    /** A change applied and checked off the event loop: its revision, the devices before and after, the JSON. */
    private record Prepared(long revision, DeviceChange.Applied applied, String json) {
    }

    /**
     * Replaces the whole registry with {@code document} (an import of a registry file), all or nothing: a document that
     * breaks a rule is refused with every problem. The audit records one {@code import} row.
     */
    public Future<RegistryRevision> replace(RegistryDocument document, String changedBy, String description) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> tx.query("select revision from registry for update").execute()
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return importIfEmpty(document, changedBy).compose(v -> current().map(r -> r.orElseThrow()));
                    }
                    return write(tx, rows.iterator().next().getLong("revision") + 1, document, now, changedBy,
                            description);
                }));
    }

    /**
     * Replaces the current document with what {@code rewrite} makes of it, in one transaction holding the row, all or
     * nothing: {@code rewrite} may throw to refuse, and a result that breaks a rule is refused with every problem. The
     * audit records one {@code import} row (a bulk import of devices); {@code description}, asked after the rewrite,
     * says what changed.
     */
    public Future<RegistryRevision> rewrite(UnaryOperator<RegistryDocument> rewrite, String changedBy,
                                            Supplier<String> description) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> tx.query(CURRENT + " for update").execute().compose(rows -> offLoop(() -> {
            if (rows.size() == 0) {
                throw new IllegalStateException(NO_REGISTRY);
            }
            RegistryRevision current = revision(rows.iterator().next());
            return new Rewritten(current.revision() + 1, rewrite.apply(current.document()), description.get());
        })).compose(r -> write(tx, r.revision(), r.document(), now, changedBy, r.description())));
    }

    private record Rewritten(long revision, RegistryDocument document, String description) {
    }

    private static Future<RegistryRevision> write(SqlClient tx, long next, RegistryDocument document, Instant now,
                                                  String changedBy, String description) {
        return offLoop(() -> {
            try {
                RegistryValidator.validate(document, "revision " + next);
            } catch (RegistryException e) {
                throw new RegistryRulesException(description, e.problems());
            }
            return Json.toString(document);
        }).compose(json -> tx.preparedQuery("update registry set revision = $1, document = $2::text::jsonb, "
                        + "changed_at = $3, changed_by = $4, change = $5")
                .execute(Tuple.of(next, json, CaseRows.time(now), changedBy, description))
                .compose(v -> audit(tx, next, now, changedBy, "import", null, null, null))
                .map(v -> new RegistryRevision(next, now, changedBy, description, document)));
    }

    /**
     * Runs {@code work} (whole-document JSON and validation) on a worker thread of the caller's Vert.x context, so the
     * event loop serving the API does not stall on a large registry; outside a context (a plain thread) it runs here.
     */
    private static <T> Future<T> offLoop(Callable<T> work) {
        Context context = Vertx.currentContext();
        if (context == null) {
            try {
                return Future.succeededFuture(work.call());
            } catch (Exception e) {
                return Future.failedFuture(e);
            }
        }
        return context.executeBlocking(work, false);
    }

    /** A change made: the new revision, the device before (null when added) and after. */
    public record Changed(RegistryRevision revision, Device before, Device after) {
    }

    /** The audit, newest first: of one device, or of all when {@code deviceId} is null. */
    public Future<List<RegistryChange>> changes(String deviceId, int limit) {
        return pool.preparedQuery("select revision, changed_at, changed_by, operation, device_id, before::text as before, "
                        + "after::text as after from registry_changes where $1::text is null or device_id = $1 "
                        + "order by revision desc limit $2")
                .execute(Tuple.of(deviceId, limit)).map(RegistryStore::changes);
    }

    private static List<RegistryChange> changes(RowSet<Row> rows) {
        List<RegistryChange> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new RegistryChange(r.getLong("revision"), r.getOffsetDateTime("changed_at").toInstant(),
                    r.getString("changed_by"), r.getString("operation"), r.getString("device_id"),
                    view(r.getString("before")), view(r.getString("after"))));
        }
        return out;
    }

    private static DeviceView view(String json) {
        return json == null ? null : Json.fromBytes(json.getBytes(StandardCharsets.UTF_8), DeviceView.class);
    }

    /** The audit keeps devices as {@link DeviceView}s: never a secret hash. */
    private static Future<Void> audit(SqlClient tx, long revision, Instant at, String by, String operation,
                                      String deviceId, Device before, Device after) {
        return tx.preparedQuery("insert into registry_changes (revision, changed_at, changed_by, operation, device_id, "
                        + "before, after) values ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb)")
                .execute(Tuple.from(new Object[]{revision, CaseRows.time(at), by, operation, deviceId,
                        before == null ? null : Json.toString(DeviceView.of(before)),
                        after == null ? null : Json.toString(DeviceView.of(after))}))
                .mapEmpty();
    }

    private static RegistryRevision revision(Row r) {
        return new RegistryRevision(r.getLong("revision"), r.getOffsetDateTime("changed_at").toInstant(),
                r.getString("changed_by"), r.getString("change"),
                Json.fromBytes(r.getString("document").getBytes(StandardCharsets.UTF_8), RegistryDocument.class));
    }
}
