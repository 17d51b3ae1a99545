package io.anju.cases.commands;

import io.anju.cases.intake.BatchIntakeLoop;
import io.anju.cases.intake.IntakeSettings;
import io.anju.cases.intake.QuarantineWriter;
import io.anju.cases.intake.RecordAttempts;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();

    private final RecordAttempts attempts;
    private final BatchIntakeLoop loop;
    private QuarantineWriter quarantine;
    private volatile boolean outage;

    /** {@code settings} name the topic ({@code anju.command-results}) and the group; see {@link #DEFAULT_GROUP_ID}. */
    public CommandOutcomeIntake(IntakeSettings settings, CommandOutcomes outcomes, MeterRegistry metrics) {
        this.settings = settings;
        this.attempts = new RecordAttempts(settings.maxAttempts());
        this.outcomes = outcomes;
        this.metrics = new CommandMetrics(metrics);
        this.loop = new BatchIntakeLoop("command outcome intake", "command-outcome-intake", settings,
                "anju-cases-commands", STEP_TIMEOUT);
    }

    public synchronized void start() {
        if (quarantine != null) {
            throw new IllegalStateException("the command outcome intake is already started");
        }
        quarantine = new QuarantineWriter(settings.kafka(), "anju-cases-commands-quarantine", STEP_TIMEOUT);
        loop.start(new BatchIntakeLoop.Step() {
            @Override
            public boolean handle(ConsumerRecords<byte[], byte[]> records) {
                boolean held = applyInOrder(records);
                commit();
                held |= !attachWaiting();
                return held;
            }

            @Override
            public void finish() {
                commit();
                quarantine.close();
            }
        });
    }

    /** Reading, and the case store is taking outcomes. */
    public boolean healthy() {
        return loop.running() && !outage;
    }

    @Override
    public void close() {
        loop.close();
    }

    private boolean applyInOrder(ConsumerRecords<byte[], byte[]> records) {
        boolean held = false;
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            if (held || loop.stopping()) {
                loop.consumer().seek(tp, list.get(0).offset());
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> r : list) {
                if (loop.stopping() || !handle(r)) {
                    loop.consumer().seek(tp, r.offset());
                    held = true;
                    break;
                }
                done.put(tp, new OffsetAndMetadata(r.offset() + 1));
            }
        }
        return held && !loop.stopping();
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
            LOG.debug("{} {} of command {} came before any record naming its alert or case; waiting for one",
                    o.kind(), o.outcome(), o.commandId());
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
        // Not lost if it fails: the records are read again and recorded as repeats.
        loop.commit(done, "command result");
        done.clear();
    }
}
