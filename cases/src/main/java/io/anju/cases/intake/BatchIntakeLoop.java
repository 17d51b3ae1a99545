package io.anju.cases.intake;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The thread of an intake that reads its topics with one consumer and commits by hand: it polls, hands each poll to
 * the intake's {@link Step}, waits the retry back-off when the step held records back (it seeks to them itself, so
 * they are read again), and stops on {@link #close()} by waking the poll. What the intakes differ in (how a batch is
 * stored, what is committed when) is the step's; starting, stopping, health and the commit that survives a wake-up
 * are here once.
 */
public final class BatchIntakeLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchIntakeLoop.class);

    /** What an intake does with the records of each poll, on the loop's thread. */
    public interface Step {
        /**
         * Handles one poll's records (possibly none). True when the step held records back (it sought back to them):
         * the loop then waits the retry back-off before polling again.
         */
        boolean handle(ConsumerRecords<byte[], byte[]> records) throws InterruptedException;

        /** After the last poll, before the consumer closes (a final commit, closing what the step opened). */
        default void finish() {
        }
    }

    private final String name;
    private final String threadName;
    private final Properties consumerProperties;
    private final List<String> topics;
    private final String groupId;
    private final Duration pollTimeout;
    private final Duration retryBackoff;
    private final Duration stopTimeout;
    private final CountDownLatch stopping = new CountDownLatch(1);

    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    private volatile boolean failed;

    /**
     * @param name        the intake in log lines, e.g. {@code diagnostics intake}
     * @param stopTimeout how long {@link #close()} waits for the loop's current step and final commit
     */
    public BatchIntakeLoop(String name, String threadName, Properties consumerProperties, List<String> topics,
                           Duration pollTimeout, Duration retryBackoff, Duration stopTimeout) {
        this.name = name;
        this.threadName = threadName;
        this.consumerProperties = consumerProperties;
        this.topics = List.copyOf(topics);
        this.groupId = consumerProperties.getProperty("group.id");
        this.pollTimeout = pollTimeout;
        this.retryBackoff = retryBackoff;
        this.stopTimeout = stopTimeout;
    }

    /** For one topic, as {@code settings} name it. */
    public BatchIntakeLoop(String name, String threadName, IntakeSettings settings, String clientId,
                           Duration stopTimeout) {
        this(name, threadName, settings.consumerProperties(clientId), List.of(settings.topic()),
                settings.pollTimeout(), settings.retryBackoff(), stopTimeout);
    }

    public synchronized void start(Step step) {
        start(step, null);
    }

    /** Starts reading; {@code rebalance} (may be null) learns of the partitions assigned and revoked. */
    public synchronized void start(Step step, ConsumerRebalanceListener rebalance) {
        if (thread != null) {
            throw new IllegalStateException("the " + name + " is already started");
        }
        consumer = new KafkaConsumer<>(consumerProperties);
        thread = new Thread(() -> run(step, rebalance), threadName);
        thread.start();
        LOG.info("{} reading {} as group {}", name, String.join(", ", topics), groupId);
    }

    /** The consumer, for the step's seeks and commits (on the loop's thread only). */
    public KafkaConsumer<byte[], byte[]> consumer() {
        return consumer;
    }

    /** True once {@link #close()} was called. */
    public boolean stopping() {
        return stopping.getCount() == 0;
    }

    /** The loop is reading: started, not stopping, and not stopped by an error. */
    public boolean running() {
        Thread t = thread;
        return t != null && t.isAlive() && !stopping() && !failed;
    }

    /** Waits {@code wait} unless the loop is stopping; false once it is. */
    public boolean pause(Duration wait) throws InterruptedException {
        return !stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        stopping.countDown();
        if (t == null) {
            return;
        }
        consumer.wakeup();
        try {
            t.join(stopTimeout.plusSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("{} did not stop in time", name);
        }
    }

    /**
     * Commits {@code offsets}, once more if a {@link #close()} woke the first attempt (the commit is still wanted).
     * False when it failed: the records are read again after a restart, which the intakes take as repeats.
     */
    public boolean commit(Map<TopicPartition, OffsetAndMetadata> offsets, String what) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                consumer.commitSync(offsets);
                return true;
            } catch (WakeupException e) {
                // close() asked to stop; the commit is still wanted, and the wake-up is spent now.
            } catch (RuntimeException e) {
                LOG.warn("cannot commit {} offsets {}: {}", what, offsets, e.toString());
                return false;
            }
        }
        return false;
    }

    private void run(Step step, ConsumerRebalanceListener rebalance) {
        try {
            if (rebalance == null) {
                consumer.subscribe(topics);
            } else {
                consumer.subscribe(topics, rebalance);
            }
            while (!stopping()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
                if (step.handle(records) && !stopping()) {
                    pause(retryBackoff);
                }
            }
        } catch (WakeupException e) {
            // close() woke a poll: the step's finish commits what it took.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed = true;
            LOG.error("{} stopped: {}", name, e.toString(), e);
        } finally {
            try {
                step.finish();
            } finally {
                consumer.close();
                LOG.info("{} stopped", name);
            }
        }
    }
}
