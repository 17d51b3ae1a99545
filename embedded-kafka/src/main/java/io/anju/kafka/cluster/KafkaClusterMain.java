package io.anju.kafka.cluster;

import io.anju.kafka.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A local multi-node KRaft cluster, one JVM per node ({@code scripts/kafka-cluster.sh}, {@code ./anju cluster kafka},
 * and the tests that kill a broker). Commands:
 * <pre>
 *   plan DIR [NODES]     keeps a layout under DIR (NODES, default 3, on free loopback ports) and prints its bootstrap list
 *   node DIR ID          runs node ID of DIR's layout in this JVM until it is told to stop (SIGTERM)
 *   await DIR SECONDS    waits until the whole cluster serves with every replica in sync; prints the bootstrap list
 *   status DIR           prints what the cluster says of itself; exit 0 when it is ready, 1 when not
 * </pre>
 */
public final class KafkaClusterMain {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaClusterMain.class);
    private static final int DEFAULT_NODES = 3;
    private KafkaClusterMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
        }
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "plan" -> System.out.println(ClusterLayout.ensure(dir,
                    args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_NODES).bootstrapServers());
            case "node" -> runNode(ClusterLayout.read(dir), Integer.parseInt(arg(args, 2)));
            case "await" -> System.exit(await(ClusterLayout.read(dir),
                    Duration.ofSeconds(Long.parseLong(arg(args, 2)))) ? 0 : 1);
            case "status" -> System.exit(status(ClusterLayout.read(dir)) ? 0 : 1);
            default -> usage();
        }
    }

    /** Node {@code id} of {@code layout}, started; the caller stops it. */
    public static EmbeddedKafka startNode(ClusterLayout layout, int id) {
        return new EmbeddedKafka(layout.nodeDir(id), layout.node(id).port())
                .asMember(layout.member(id)).start();
    }

    private static void runNode(ClusterLayout layout, int id) throws InterruptedException {
        EmbeddedKafka node = startNode(layout, id);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.stop();
            stopped.countDown();
        }, "kafka-node-stop"));
        LOG.info("Kafka cluster node {} up on {} (cluster {})", id, node.bootstrapServers(), layout.clusterId());
        stopped.await();
    }

    /** Waits until {@link ClusterHealth#ready}; prints the bootstrap list when it is, the last health when not. */
    public static boolean await(ClusterLayout layout, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                ClusterHealth health = ClusterHealth.of(layout.bootstrapServers());
                if (health.ready(layout.nodes().size())) {
                    System.out.println(layout.bootstrapServers());
                    return true;
                }
                last = health.toString();
            } catch (Exception e) {
                last = "no answer: " + e;
            }
            Thread.sleep(250);
        }
        LOG.error("the cluster under {} is not ready after {}: {}", layout.dir(), patience, last);
        return false;
    }

    private static boolean status(ClusterLayout layout) {
        System.out.println("cluster " + layout.clusterId() + ": bootstrap " + layout.bootstrapServers());
        try {
            ClusterHealth health = ClusterHealth.of(layout.bootstrapServers());
            boolean ready = health.ready(layout.nodes().size());
            System.out.println(health + (ready ? ": ready" : ": NOT ready"));
            return ready;
        } catch (Exception e) {
            System.out.println("no answer from the cluster: " + e);
            return false;
        }
    }

    private static String arg(String[] args, int i) {
        if (args.length <= i) {
            usage();
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: KafkaClusterMain plan DIR [NODES] | node DIR ID | await DIR SECONDS | status DIR");
        System.exit(2);
    }
}
