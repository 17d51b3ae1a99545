package io.anju.common.topic;

import java.util.Map;

/**
 * How many copies a topic the platform creates gets, the one rule for every service: as many as the cluster has
 * brokers, up to three, and with three {@code min.insync.replicas=2}, so that an {@code acks=all} write (the gateway's
 * PUBACK) means two copies and one broker may die without stopping writes. A single broker keeps one copy, as before.
 */
public final class Replication {
    /** A replication factor setting that leaves the choice to {@link #factor}. */
    public static final short AUTO = 0;
    private static final int MOST = 3;
    private static final int MIN_IN_SYNC = 2;

    private Replication() {
    }

    /** {@code requested}, or for {@link #AUTO} the brokers of the cluster, at most three. */
    public static short factor(short requested, int brokers) {
        if (requested != AUTO) {
            return requested;
        }
        return (short) Math.max(1, Math.min(MOST, brokers));
    }

    /** The topic configs that go with {@code factor} replicas: {@code min.insync.replicas=2} from three up. */
    public static Map<String, String> topicConfigs(short factor) {
        return factor >= MOST ? Map.of("min.insync.replicas", String.valueOf(MIN_IN_SYNC)) : Map.of();
    }
}
