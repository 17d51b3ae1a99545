package io.anju.dashboards.live;

import io.anju.common.config.Require;
import io.anju.common.topic.KafkaConnection;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the live part reads the platform's topics.
 *
 * @param kafka         Kafka bootstrap servers ({@code kafka.bootstrap}; required) with the security settings of
 *                      {@code kafka.clientConfig}
 * @param groupIdPrefix prefix of the consumer groups; each process start reads as groups of its own, so several
 *                      dashboards each see every record ({@code live.groupIdPrefix}); default {@code anju-dashboards}
 * @param snapshotDir   the gateway's blob store of evidence images, {@code dir/ab/cd/<sha256>.jpg}
 *                      ({@code snapshot.dir}); required
 * @param staleAfter    a charging station silent this long shows offline, whatever its last status said
 *                      ({@code live.staleAfter}); default 5 min, 10 s–1 h (three missed 90 s heartbeats is 4.5 min)
 * @param crowdStaleAfter a crowd zone whose counter is silent this long shows stale ({@code crowd.staleAfter});
 *                      default 30 s, 10 s–1 h (the counters report every 10 s)
 */
public record LiveSettings(KafkaConnection kafka, String groupIdPrefix, Path snapshotDir, Duration staleAfter,
                           Duration crowdStaleAfter) {

    public static final String DEFAULT_GROUP_ID_PREFIX = "anju-dashboards";
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CROWD_STALE_AFTER = Duration.ofSeconds(30);
    private static final Duration MIN_STALE_AFTER = Duration.ofSeconds(10);
    private static final Duration MAX_STALE_AFTER = Duration.ofHours(1);

    public LiveSettings {
        Require.present("kafka.bootstrap", kafka == null ? null : kafka.bootstrapServers());
        Require.that(groupIdPrefix != null && groupIdPrefix.matches("[A-Za-z0-9._-]{1,100}"), "live.groupIdPrefix",
                groupIdPrefix, "must be 1–100 characters of [A-Za-z0-9._-]");
        Require.that(snapshotDir != null, "snapshot.dir", null, "is required");
        Require.between("live.staleAfter", staleAfter, MIN_STALE_AFTER, MAX_STALE_AFTER);
        Require.between("crowd.staleAfter", crowdStaleAfter, MIN_STALE_AFTER, MAX_STALE_AFTER);
    }

    /** The defaults, reading from a PLAINTEXT cluster at {@code bootstrap} and serving images from {@code snapshotDir}. */
    public static LiveSettings defaults(String bootstrap, Path snapshotDir) {
        return defaults(KafkaConnection.plain(bootstrap), snapshotDir);
    }

    /** The defaults, reading from {@code kafka} and serving images from {@code snapshotDir}. */
    public static LiveSettings defaults(KafkaConnection kafka, Path snapshotDir) {
        return new LiveSettings(kafka, DEFAULT_GROUP_ID_PREFIX, snapshotDir, DEFAULT_STALE_AFTER,
                DEFAULT_CROWD_STALE_AFTER);
    }

    public LiveSettings withStaleAfter(Duration value) {
        return new LiveSettings(kafka, groupIdPrefix, snapshotDir, value, crowdStaleAfter);
    }

    public LiveSettings withCrowdStaleAfter(Duration value) {
        return new LiveSettings(kafka, groupIdPrefix, snapshotDir, staleAfter, value);
    }
}
