package io.anju.cases.intake;

import io.anju.common.config.Require;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.Properties;

/**
 * How the alert intake reads {@code anju.alerts}.
 *
 * @param kafka          Kafka bootstrap servers ({@code kafka.bootstrap}; required) with the security settings of
 *                       {@code kafka.clientConfig}
 * @param topic          the alert topic ({@code intake.topic}); default {@link Topics#ALERTS}
 * @param groupId        consumer group; its committed offsets are where a restarted intake continues
 *                       ({@code intake.groupId}); default {@code anju-cases}
 * @param pollTimeout    longest wait of one poll ({@code intake.pollTimeout}); default 500 ms, 10 ms–1 min
 * @param retryBackoff   wait before retrying an alert the database could not take ({@code intake.retryBackoff});
 *                       default 1 s, 10 ms–10 min
 * @param maxPollRecords records per poll ({@code intake.maxPollRecords}); default 500, 1–10,000
 * @param concurrency    transactions a polled batch is applied in at the same time, each on a connection of the
 *                       service's pool, the batch's dedup keys dealt whole into them ({@code intake.concurrency});
 *                       default 8, 1–64. The records of one key are always applied one after the other, in offset
 *                       order
 * @param maxAttempts    attempts at a record the database answers with an error of the record's own (not an outage:
 *                       see {@link StoreErrors}) before it goes to {@code anju.quarantine} and the intake moves on
 *                       ({@code intake.maxAttempts}); default 5, 1–1,000. An outage is retried for as long as it lasts
 */
public record IntakeSettings(KafkaConnection kafka, String topic, String groupId, Duration pollTimeout, Duration retryBackoff,
                             int maxPollRecords, int concurrency, int maxAttempts) {

    public static final String DEFAULT_GROUP_ID = "anju-cases";
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int MAX_CONCURRENCY = 64;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /**
     * The consumer's session timeout: a service that was killed holds its partitions until it passes, so a restarted
     * intake takes alerts again 10 s after a crash rather than Kafka's default 45 s (a heartbeat every 3 s).
     */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    public static final int MAX_ATTEMPTS = 1_000;

    public IntakeSettings {
        Require.present("kafka.bootstrap", kafka == null ? null : kafka.bootstrapServers());
        Require.present("intake.topic", topic);
        Require.present("intake.groupId", groupId);
        Require.between("intake.pollTimeout", pollTimeout, Duration.ofMillis(10), Duration.ofMinutes(1));
        Require.between("intake.retryBackoff", retryBackoff, Duration.ofMillis(10), Duration.ofMinutes(10));
        Require.between("intake.maxPollRecords", maxPollRecords, 1, 10_000);
        Require.between("intake.concurrency", concurrency, 1, MAX_CONCURRENCY);
        Require.between("intake.maxAttempts", maxAttempts, 1, MAX_ATTEMPTS);
    }

    /**
     * The consumer of an intake named {@code clientId}: it commits by hand, starts from the earliest record a new group
     * has not seen, and reads only committed records. The alerting job writes at least once, without transactions:
     * read_committed delays nothing (the last stable offset is the high watermark) and still skips the aborted records
     * that the earlier, transactional job may have left in the retained history. Repeats are the receipts' business.
     */
    public Properties consumerProperties(String clientId) {
        Properties p = kafka.properties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis() / 3);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    /** The defaults, reading from a PLAINTEXT cluster at {@code bootstrap}. */
    public static IntakeSettings defaults(String bootstrap) {
        return defaults(KafkaConnection.plain(bootstrap));
    }

    /** The defaults, reading from {@code kafka}. */
    public static IntakeSettings defaults(KafkaConnection kafka) {
        return new IntakeSettings(kafka, Topics.ALERTS, DEFAULT_GROUP_ID, DEFAULT_POLL_TIMEOUT,
                DEFAULT_RETRY_BACKOFF, DEFAULT_MAX_POLL_RECORDS, DEFAULT_CONCURRENCY, DEFAULT_MAX_ATTEMPTS);
    }

    public IntakeSettings withTopic(String topic) {
        return new IntakeSettings(kafka, topic, groupId, pollTimeout, retryBackoff, maxPollRecords, concurrency, maxAttempts);
    }

    public IntakeSettings withGroupId(String groupId) {
        return new IntakeSettings(kafka, topic, groupId, pollTimeout, retryBackoff, maxPollRecords, concurrency, maxAttempts);
    }

    public IntakeSettings withRetryBackoff(Duration retryBackoff) {
        return new IntakeSettings(kafka, topic, groupId, pollTimeout, retryBackoff, maxPollRecords, concurrency, maxAttempts);
    }

    public IntakeSettings withConcurrency(int concurrency) {
        return new IntakeSettings(kafka, topic, groupId, pollTimeout, retryBackoff, maxPollRecords, concurrency, maxAttempts);
    }

    public IntakeSettings withMaxAttempts(int maxAttempts) {
        return new IntakeSettings(kafka, topic, groupId, pollTimeout, retryBackoff, maxPollRecords, concurrency, maxAttempts);
    }
}
