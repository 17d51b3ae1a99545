package io.anju.dashboards.registry;

import io.anju.common.registry.Registry;
import io.anju.common.registry.live.RegistryFollower;
import io.anju.common.topic.KafkaConnection;
import io.anju.common.topic.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The registry the dashboards use now: the registry file's until the registry service publishes a first revision on
 * {@code anju.registry}, then each newer revision that validates ({@link RegistryFollower}; one that does not is
 * counted and the last good one stays). Every part of the dashboards reads it through {@link #get()} when it needs
 * it, never a copy taken at start, so a revision takes effect without a restart.
 */
public final class RegistryInUse implements Supplier<Registry>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryInUse.class);

    private final Registry fromFile;
    private final RegistryFollower follower;

    private RegistryInUse(Registry fromFile, RegistryFollower follower) {
        this.fromFile = fromFile;
        this.follower = follower;
    }

    /** The file's registry, for good: the dashboards without Kafka. */
    public static RegistryInUse fileOnly(Registry fromFile) {
        return new RegistryInUse(fromFile, null);
    }

    /**
     * Follows {@code anju.registry} on {@code kafka} from its beginning, waiting up to {@code catchUp} for the revisions
     * already published; {@code fromFile} is in use until the first one.
     */
    public static RegistryInUse following(KafkaConnection kafka, Registry fromFile, Duration catchUp)
            throws InterruptedException {
        // Each dashboards process reads the whole topic itself (no group): a unique id tells them apart in the broker.
        RegistryFollower follower = new RegistryFollower(kafka, "anju-dashboards-registry-" + UUID.randomUUID(),
                fromFile).start(catchUp);
        LOG.info("registry revision {} in use ({} devices), following {}", follower.revision(),
                follower.current().devices().size(), Topics.REGISTRY);
        return new RegistryInUse(fromFile, follower);
    }

    @Override
    public Registry get() {
        return follower == null ? fromFile : follower.current();
    }

    /** The revision in use: 0 while the registry file is. */
    public long revision() {
        return follower == null ? 0 : follower.revision();
    }

    /** Records of {@code anju.registry} that did not parse or validate since the start. */
    public long rejected() {
        return follower == null ? 0 : follower.rejected();
    }

    /** {@code anju_dashboards_registry_revision} and {@code anju_dashboards_registry_rejected}, as the gateway's. */
    public void register(MeterRegistry meters) {
        Gauge.builder("anju.dashboards.registry.revision", this, RegistryInUse::revision)
                .description("Registry revision in use (0: the registry file, no revision published yet)")
                .register(meters);
        Gauge.builder("anju.dashboards.registry.rejected", this, RegistryInUse::rejected)
                .description("Registry records that did not parse or validate (the last good revision stays)")
                .register(meters);
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
        }
    }
}
