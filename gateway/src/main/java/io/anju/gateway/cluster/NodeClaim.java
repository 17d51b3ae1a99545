package io.anju.gateway.cluster;

/**
 * A gateway instance's claim on its {@code node.id}, as written on {@code anju.gateway-nodes} (key: the node id) when
 * it starts and again at every heartbeat; a clean stop writes a tombstone.
 *
 * @param instance    random id of the running process, new at every start
 * @param host        the host name it runs on
 * @param pid         its process id on that host
 * @param heartbeatAt the wall clock of this claim, Unix ms
 */
public record NodeClaim(String instance, String host, long pid, long heartbeatAt) {
}
