package io.anju.common.topic;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the Kafka cluster answers, for {@code /health}. A producer or consumer whose brokers are gone only retries
 * quietly, so every {@code interval} this asks the cluster for its nodes and remembers when it last answered; Kafka
 * is down once it has not answered for {@code downAfter} (and before its first answer). One small admin connection per
 * service, and the ask never blocks a caller of {@link #up()}.
 */
public final class KafkaProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaProbe.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_DOWN_AFTER = Duration.ofSeconds(6);

    private final Admin admin;
    private final ScheduledExecutorService timer;
    private final long intervalMs;
    private final long downAfterNanos;
    private final AtomicBoolean asking = new AtomicBoolean();
    private volatile long answeredAt = Long.MIN_VALUE;
    private volatile boolean wasUp;
    private volatile String lastError = "no answer yet";

    private KafkaProbe(KafkaConnection kafka, Duration interval, Duration downAfter) {
        this.intervalMs = interval.toMillis();
        this.downAfterNanos = downAfter.toNanos();
        Map<String, Object> props = kafka.clientProperties();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "anju-health-probe");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1_000, intervalMs));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(1_000, intervalMs));
        // Back soon after the cluster is: the default back-off grows to 1 s, fine, but not beyond.
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        this.admin = Admin.create(props);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts asking {@code kafka} at once and every {@link #DEFAULT_INTERVAL}. */
    public static KafkaProbe start(KafkaConnection kafka) {
        return start(kafka, DEFAULT_INTERVAL, DEFAULT_DOWN_AFTER);
    }

    /**
     * Starts asking {@code kafka} (with the service's security settings: a cluster that refuses them counts as down)
     * at once and every {@code interval}; waits up to one interval for the first answer, so a service that has just
     * started on a working cluster reports it up.
     */
    public static KafkaProbe start(KafkaConnection kafka, Duration interval, Duration downAfter) {
        if (interval.isNegative() || interval.isZero() || downAfter.compareTo(interval) < 0) {
            throw new IllegalArgumentException("the Kafka probe needs an interval > 0 and downAfter ≥ interval (were "
                    + interval + ", " + downAfter + ")");
        }
        KafkaProbe probe = new KafkaProbe(kafka, interval, downAfter);
        probe.timer.scheduleWithFixedDelay(probe::ask, 0, probe.intervalMs, TimeUnit.MILLISECONDS);
        long until = System.nanoTime() + interval.toNanos();
        while (!probe.up() && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return probe;
    }

    /** The cluster answered within the last {@code downAfter}. */
    public boolean up() {
        long at = answeredAt;
        return at != Long.MIN_VALUE && System.nanoTime() - at <= downAfterNanos;
    }

    /** {@code up}, or why not: the last error and for how long there has been no answer. */
    public String detail() {
        if (up()) {
            return "up";
        }
        long at = answeredAt;
        return at == Long.MIN_VALUE ? "down: " + lastError
                : "down: no answer for " + (System.nanoTime() - at) / 1_000_000_000 + " s (" + lastError + ")";
    }

    private void ask() {
        if (!asking.compareAndSet(false, true)) {
            return;
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) Math.max(1_000, intervalMs))).nodes()
                    .whenComplete((nodes, error) -> {
                        if (error == null && !nodes.isEmpty()) {
                            answeredAt = System.nanoTime();
                        } else {
                            lastError = error == null ? "no brokers" : error.getClass().getSimpleName() + ": "
                                    + error.getMessage();
                        }
                        noteChange();
                        asking.set(false);
                    });
        } catch (RuntimeException e) {
            lastError = e.toString();
            asking.set(false);
        }
    }

    /** Logs when Kafka comes and goes, once each time. */
    private void noteChange() {
        boolean now = up();
        if (now != wasUp) {
            wasUp = now;
            if (now) {
                LOG.info("Kafka answers");
            } else {
                LOG.warn("Kafka does not answer: {}", detail());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
