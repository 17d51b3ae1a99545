package io.anju.cases.commands;

import io.anju.cases.intake.IntakeSettings;
import io.anju.cases.intake.QuarantineWriter;
import io.anju.cases.intake.RecordAttempts;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@code anju.command-results} into {@link CommandOutcomes}, in order per partition (a command's records share
 * its device's partition). An offset is committed only after the transaction of its record committed; a restart
 * re-reads at most the uncommitted tail, which the unique key turns into repeats. When the case store fails the record
 * is held and retried after {@link IntakeSettings#retryBackoff()}, never skipped; when it refuses the record itself
 * {@link IntakeSettings#maxAttempts()} times ({@link RecordAttempts}), the record goes to {@code anju.quarantine} with
 * the reason, as does an unreadable one, and the intake moves past it. After every poll the outcomes waiting for their
 * alert's case are attached.
 */
public final class CommandOutcomeIntake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandOutcomeIntake.class);
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_GROUP_ID = "anju-cases-commands";

    private final IntakeSettings settings;
    private final CommandOutcomes outcomes;
    private final CommandMetrics metrics;
    private final CommandResultDecoder decoder = new CommandResultDecoder();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();

    private final RecordAttempts attempts;
    private KafkaConsumer<byte[], byte[]> consumer;
    private QuarantineWriter quarantine;
    private Thread thread;
    private volatile boolean outage;
    private volatile boolean failed;

    /** {@code settings} name the topic ({@code anju.command-results}) and the group; see {@link #DEFAULT_GROUP_ID}. */
    public CommandOutcomeIntake(IntakeSettings settings, CommandOutcomes outcomes, MeterRegistry metrics) {
        this.settings = settings;
        this.attempts = new RecordAttempts(settings.maxAttempts());
        this.outcomes = outcomes;
        this.metrics = new CommandMetrics(metrics);
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the command outcome intake is already started");
        }
        consumer = new KafkaConsumer<>(settings.consumerProperties("anju-cases-commands"));
        quarantine = new QuarantineWriter(settings.kafka(), "anju-cases-commands-quarantine", STEP_TIMEOUT);
        thread = new Thread(this::run, "command-outcome-intake");
        thread.start();
        LOG.info("command outcome intake reading {} as group {}", settings.topic(), settings.groupId());
    }

    /** Reading, and the case store is taking outcomes. */
    public boolean healthy() {
        Thread t = thread;
        return t != null && t.isAlive() && stopping.getCount() > 0 && !outage && !failed;
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
            t.join(STEP_TIMEOUT.plusSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("command outcome intake did not stop in time");
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(settings.topic()));
            while (stopping.getCount() > 0) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
                boolean held = applyInOrder(records);
                commit();
                held |= !attachWaiting();
                if (held) {
                    stopping.await(settings.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (WakeupException e) {
            // close() woke a poll: fall through to the final commit.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed = true;
            LOG.error("command outcome intake stopped: {}", e.toString(), e);
        } finally {
            commit();
            consumer.close();
            quarantine.close();
            LOG.info("command outcome intake stopped");
        }
    }

    private boolean applyInOrder(ConsumerRecords<byte[], byte[]> records) {
        boolean held = false;
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            if (held || stopping.getCount() == 0) {
                consumer.seek(tp, list.get(0).offset());
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> r : list) {
                if (stopping.getCount() == 0 || !handle(r)) {
                    consumer.seek(tp, r.offset());
                    held = true;
                    break;
                }
                done.put(tp, new OffsetAndMetadata(r.offset() + 1));
            }
        }
        return held && stopping.getCount() > 0;
    }

    /** False when the record must be read again. */
    private boolean handle(ConsumerRecord<byte[], byte[]> r) {
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        CommandResultDecoder.Decoded decoded = decoder.decode(key, r.value());
        if (decoded instanceof CommandResultDecoder.Unreadable bad) {
            if (!quarantined(r, "unreadable", bad.why())) {
                return false;
            }
            metrics.record("unreadable");
            return true;
        }
        if (decoded instanceof CommandResultDecoder.Skipped) {
            metrics.record("skipped");
            return true;
        }
        CommandOutcome o = ((CommandResultDecoder.Outcome) decoded).outcome();
        CommandOutcomes.Result result;
        try {
            result = outcomes.record(o).toCompletionStage().toCompletableFuture()
                    .get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (attempts.exhausted(r, cause)) {
                if (!quarantined(r, "unrecordable", "the case store refused " + o.kind() + " " + o.outcome()
                        + " of command " + o.commandId() + " " + attempts.max() + " times: " + cause.getMessage())) {
                    return false;
                }
                metrics.record("quarantined");
                return true;
            }
            return held(r, cause.toString());
        }
        attempts.done(r);
        metrics.record(result.name().toLowerCase(Locale.ROOT));
        if (result == CommandOutcomes.Result.RECORDED || result == CommandOutcomes.Result.WAITING
                || result == CommandOutcomes.Result.WAITING_FOR_COMMAND) {
            metrics.outcome(o.outcome());
        }
        if (result == CommandOutcomes.Result.WAITING) {
            LOG.info("{} {} of command {}: alert {} has no case yet; waiting for it", o.kind(), o.outcome(),
                    o.commandId(), o.alertId());
        } else if (result == CommandOutcomes.Result.WAITING_FOR_COMMAND) {
            LOG.debug("reply {} to command {} came before any outcome naming its alert; waiting for one", o.outcome(),
                    o.commandId());
        }
        recovered();
        return true;
    }

    /** False when the case store did not answer; the waiting outcomes are tried again after the back-off. */
    private boolean attachWaiting() {
        try {
            outcomes.attachWaiting().toCompletionStage().toCompletableFuture()
                    .get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (Exception e) {
            LOG.warn("cannot attach waiting command outcomes: {}", e.getCause() == null ? e : e.getCause());
            return false;
        }
    }

    /** False when the quarantine could not take it: the record is held then. */
    private boolean quarantined(ConsumerRecord<byte[], byte[]> r, String code, String reason) {
        String failed;
        try {
            failed = quarantine.write(r, code, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return failed == null || held(r, failed);
    }

    private boolean held(ConsumerRecord<byte[], byte[]> r, String why) {
        metrics.record("retried");
        if (!outage) {
            outage = true;
            LOG.warn("command result {}-{}@{} not recorded ({}); holding it and retrying every {} ms", r.topic(),
                    r.partition(), r.offset(), why, settings.retryBackoff().toMillis());
        }
        return false;
    }

    private void recovered() {
        if (outage) {
            outage = false;
            LOG.info("command outcomes are recorded again");
        }
    }

    private void commit() {
        if (done.isEmpty()) {
            return;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                consumer.commitSync(done);
                done.clear();
                return;
            } catch (WakeupException e) {
                // close() asked to stop; the commit is still wanted, and the wake-up is spent now.
            } catch (RuntimeException e) {
                // Not lost: the records are read again and recorded as repeats.
                LOG.warn("cannot commit command result offsets {}: {}", done, e.toString());
                done.clear();
                return;
            }
        }
    }
}
