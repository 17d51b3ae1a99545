package io.anju.cases.service;

import io.anju.cases.model.CaseRecord;
import io.anju.cases.store.CaseSql;
import io.anju.cases.store.ReceiptSql;
import io.anju.common.alert.Alert;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one share of the intake's lanes (a dedup key each, its records in offset order) inside the caller's
 * transaction, with the same outcome as {@link AlertApplier} record by record. What a burst is made of — each lane's
 * first record is news of a key with nothing open — is opened for all the lanes together, in a handful of statements
 * ({@link AlertApplier#openAll}); every other record goes through {@link AlertApplier} one at a time, the lanes side by
 * side, each after its lane's first. Nothing is locked for a key with no open case: should another transaction open
 * one meanwhile, the index that allows one open case per key refuses this one, and the intake retries record by record.
 */
final class ShareApplier {
    private final AlertApplier applier;

    ShareApplier(AlertApplier applier) {
        this.applier = applier;
    }

    /** The cases the records went to (null for one that went to none), in no particular order. */
    Future<List<CaseRecord>> apply(SqlConnection tx, List<List<Alert>> lanes, Instant now) {
        List<Alert> heads = lanes.stream().map(lane -> lane.get(0)).toList();
        List<String> ids = heads.stream().map(Alert::id).toList();
        List<Integer> revisions = heads.stream().map(Alert::revision).toList();
        // Three independent questions, pipelined on the connection.
        Future<Set<String>> claimed = ReceiptSql.claimAll(tx, ids, revisions, now);
        Future<Set<String>> later = ReceiptSql.withLater(tx, ids, revisions);
        Future<Map<String, CaseSql.Latest>> latest =
                CaseSql.latestOfKeys(tx, heads.stream().map(Alert::dedupKey).toList());
        return Future.all(claimed, later, latest)
                .compose(v -> applyLanes(tx, lanes, now, claimed.result(), later.result(), latest.result()));
    }

    private Future<List<CaseRecord>> applyLanes(SqlConnection tx, List<List<Alert>> lanes, Instant now,
                                                Set<String> claimed, Set<String> later,
                                                Map<String, CaseSql.Latest> latest) {
        List<Alert> together = new ArrayList<>();
        boolean[] openedTogether = new boolean[lanes.size()];
        boolean[] headClaimed = new boolean[lanes.size()];
        for (int i = 0; i < lanes.size(); i++) {
            Alert head = lanes.get(i).get(0);
            String key = ReceiptSql.key(head.id(), head.revision());
            headClaimed[i] = claimed.contains(key);
            if (headClaimed[i] && !later.contains(key) && AlertApplier.opensAlone(head, latest.get(head.dedupKey()))) {
                together.add(head);
                openedTogether[i] = true;
            }
        }
        // The callbacks of one connection run on its one event loop: the list needs no lock.
        List<CaseRecord> applied = new ArrayList<>();
        return applier.openAll(tx, together, now).compose(opened -> {
            applied.addAll(opened);
            List<Future<Void>> chains = new ArrayList<>(lanes.size());
            for (int i = 0; i < lanes.size(); i++) {
                List<Alert> lane = lanes.get(i);
                Future<Void> chain = Future.succeededFuture();
                if (!openedTogether[i]) {
                    Alert head = lane.get(0);
                    // Its receipt is claimed already when the batch claimed it; else it is a repeat to explain.
                    chain = (headClaimed[i] ? applier.applyClaimed(tx, head, now) : applier.apply(tx, head, now))
                            .map(c -> add(applied, c));
                }
                for (Alert alert : lane.subList(1, lane.size())) {
                    chain = chain.compose(v -> applier.apply(tx, alert, now).map(c -> add(applied, c)));
                }
                chains.add(chain);
            }
            // join, not all: the transaction ends only once every lane has stopped using it.
            return Future.join(chains).map(v -> applied);
        });
    }

    private static Void add(List<CaseRecord> applied, CaseRecord c) {
        applied.add(c);
        return null;
    }
}
