package io.anju.kafka;

/**
 * One combined broker + controller node's place in a KRaft cluster with a static quorum.
 *
 * @param nodeId         its {@code node.id}
 * @param controllerPort its controller listener's port on 127.0.0.1 (named in {@code voters})
 * @param voters         {@code controller.quorum.voters} of the whole cluster ({@code id@host:port,...})
 * @param voterCount     how many nodes the cluster has
 * @param clusterId      the id every node's log is formatted with; null: a new one at the first start
 */
public record QuorumMember(int nodeId, int controllerPort, String voters, int voterCount, String clusterId) {
    /** Replicas, and replicas in sync, of a cluster's internal topics once it has this many nodes. */
    private static final int CLUSTER_REPLICAS = 3;
    private static final int CLUSTER_MIN_IN_SYNC = 2;

    /** The only node of a single-node cluster (node 1), formatted with a new cluster id. */
    static QuorumMember single(int controllerPort) {
        return new QuorumMember(1, controllerPort, "1@127.0.0.1:" + controllerPort, 1, null);
    }

    int internalReplicas() {
        return voterCount >= CLUSTER_REPLICAS ? CLUSTER_REPLICAS : 1;
    }

    int internalMinInSync() {
        return voterCount >= CLUSTER_REPLICAS ? CLUSTER_MIN_IN_SYNC : 1;
    }
}
