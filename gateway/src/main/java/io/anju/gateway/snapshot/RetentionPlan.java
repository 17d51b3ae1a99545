package io.anju.gateway.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which images of a listing to delete, oldest first: those past their kind's age, then those beyond their device's
 * quota, then (when the listing is the whole store) those beyond the total cap. A size limit that is passed is
 * trimmed to {@link RetentionLimits#TRIM_TO} of it. Decides only: the sweeper lists and deletes.
 */
final class RetentionPlan {

    /** Why an image was deleted. */
    enum Reason {
        AGE, DEVICE_QUOTA, TOTAL_CAP;

        private final String wire = name().toLowerCase(Locale.ROOT);

        String wireName() {
            return wire;
        }
    }

    record Deletion(StoredSnapshot snapshot, Reason reason) {
    }

    private static final Comparator<StoredSnapshot> OLDEST_FIRST =
            Comparator.comparingLong(StoredSnapshot::modifiedMillis).thenComparing(StoredSnapshot::file);

    private RetentionPlan() {
    }

    /**
     * @param wholeStore true when {@code listed} is the whole store; false for one device's images, where the total
     *                   cap cannot be judged
     */
    static List<Deletion> plan(List<StoredSnapshot> listed, RetentionLimits limits, long nowMillis, boolean wholeStore) {
        List<StoredSnapshot> oldestFirst = new ArrayList<>(listed);
        oldestFirst.sort(OLDEST_FIRST);
        List<Deletion> deletions = new ArrayList<>();

        List<StoredSnapshot> young = new ArrayList<>(oldestFirst.size());
        for (StoredSnapshot s : oldestFirst) {
            if (nowMillis - s.modifiedMillis() > limits.maxAge(s.kind()).toMillis()) {
                deletions.add(new Deletion(s, Reason.AGE));
            } else {
                young.add(s);
            }
        }

        Map<SnapshotOwner, Long> heldByDevice = new HashMap<>();
        for (StoredSnapshot s : young) {
            if (s.owner() != null) {
                heldByDevice.merge(s.owner(), s.bytes(), Long::sum);
            }
        }
        Map<SnapshotOwner, Long> toFree = new HashMap<>();
        heldByDevice.forEach((owner, held) -> {
            if (held > limits.deviceMaxBytes()) {
                toFree.put(owner, held - trimmed(limits.deviceMaxBytes()));
            }
        });
        List<StoredSnapshot> kept = new ArrayList<>(young.size());
        for (StoredSnapshot s : young) {
            Long left = s.owner() == null ? null : toFree.get(s.owner());
            if (left != null && left > 0) {
                deletions.add(new Deletion(s, Reason.DEVICE_QUOTA));
                toFree.put(s.owner(), left - s.bytes());
            } else {
                kept.add(s);
            }
        }

        if (wholeStore) {
            long total = kept.stream().mapToLong(StoredSnapshot::bytes).sum();
            if (total > limits.totalMaxBytes()) {
                long left = total - trimmed(limits.totalMaxBytes());
                for (int i = 0; i < kept.size() && left > 0; i++) {
                    deletions.add(new Deletion(kept.get(i), Reason.TOTAL_CAP));
                    left -= kept.get(i).bytes();
                }
            }
        }
        return deletions;
    }

    private static long trimmed(long limit) {
        return (long) (limit * RetentionLimits.TRIM_TO);
    }
}
