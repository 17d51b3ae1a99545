package io.anju.kafka.cluster;

import io.anju.kafka.FreePort;
import io.anju.kafka.QuorumMember;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A local multi-node KRaft cluster: its id and, per node, the client and controller ports on 127.0.0.1. Planned once
 * and kept in {@code <dir>/cluster.properties}, so that every node (each in its own JVM) knows the whole quorum, and a
 * cluster brought down and up again keeps its addresses and its data under {@code <dir>/node-<id>}.
 *
 * @param dir       where the layout and the nodes' data live
 * @param clusterId the id every node's log is formatted with
 * @param nodes     the nodes, ids 1..n
 */
public record ClusterLayout(Path dir, String clusterId, List<Node> nodes) {
    static final String FILE = "cluster.properties";

    /** @param id node.id; @param port client port; @param controllerPort controller listener port */
    public record Node(int id, int port, int controllerPort) {
    }

    public ClusterLayout {
        dir = dir.toAbsolutePath();
        nodes = List.copyOf(nodes);
    }

    /** The layout kept under {@code dir}, or a new one of {@code size} nodes on free ports, written there. */
    public static ClusterLayout ensure(Path dir, int size) {
        if (Files.exists(dir.resolve(FILE))) {
            return read(dir);
        }
        List<Node> nodes = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            nodes.add(new Node(id, FreePort.pick(), FreePort.pick()));
        }
        ClusterLayout layout = new ClusterLayout(dir, Uuid.randomUuid().toString(), nodes);
        layout.write();
        return layout;
    }

    public static ClusterLayout read(Path dir) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(FILE))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no cluster layout in " + dir + " (plan one first)", e);
        }
        List<Node> nodes = new ArrayList<>();
        int size = Integer.parseInt(p.getProperty("nodes"));
        for (int id = 1; id <= size; id++) {
            nodes.add(new Node(id, Integer.parseInt(p.getProperty("node." + id + ".port")),
                    Integer.parseInt(p.getProperty("node." + id + ".controllerPort"))));
        }
        return new ClusterLayout(dir, p.getProperty("cluster.id"), nodes);
    }

    private void write() {
        Properties p = new Properties();
        p.setProperty("cluster.id", clusterId);
        p.setProperty("nodes", String.valueOf(nodes.size()));
        for (Node n : nodes) {
            p.setProperty("node." + n.id() + ".port", String.valueOf(n.port()));
            p.setProperty("node." + n.id() + ".controllerPort", String.valueOf(n.controllerPort()));
        }
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(dir.resolve(FILE))) {
                p.store(out, "Anju local Kafka cluster: node ports on 127.0.0.1 and the cluster id");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cluster layout to " + dir, e);
        }
    }

    /** {@code bootstrap.servers} naming every node. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    public Node node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id + " in the cluster under " + dir));
    }

    /** Node {@code id}'s place in the quorum of all nodes. */
    public QuorumMember member(int id) {
        String voters = nodes.stream().map(n -> n.id() + "@127.0.0.1:" + n.controllerPort())
                .collect(Collectors.joining(","));
        return new QuorumMember(id, node(id).controllerPort(), voters, nodes.size(), clusterId);
    }

    /** Node {@code id}'s data directory (its log is in {@code kafka} under it). */
    public Path nodeDir(int id) {
        return dir.resolve("node-" + id);
    }
}
