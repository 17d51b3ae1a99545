package io.anju.cases.devices;

import io.anju.common.registry.Registry;
import io.anju.common.registry.live.RegistryPublisher;
import io.anju.common.topic.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The registry's outbox: whenever the store's revision is newer than the one in use here, swaps it into the
 * {@link LiveRegistry}; whenever it is newer than the one published, publishes it whole to {@link Topics#REGISTRY}
 * and remembers that in the store. It looks every {@code interval} and when {@link #nudge()}d (after a change made
 * through this service), so changes made straight in the database ({@code ./anju device}) are relayed too, and a
 * revision whose publishing failed is tried again until the broker takes it.
 */
public final class RegistryRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryRelay.class);

    private final Vertx vertx;
    private final RegistryStore store;
    private final LiveRegistry live;
    private final RegistryPublisher publisher;
    private final Clock clock;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failingSince = new AtomicLong();
    /** The newest revision made through this service: published without reading it back from the store. */
    private final AtomicReference<RegistryRevision> offered = new AtomicReference<>();
    private final Counter failures;
    private long timer = -1;

    public RegistryRelay(Vertx vertx, RegistryStore store, LiveRegistry live, RegistryPublisher publisher, Clock clock,
                         Duration interval, MeterRegistry metrics) {
        this.vertx = vertx;
        this.store = store;
        this.live = live;
        this.publisher = publisher;
        this.clock = clock;
        this.interval = interval;
        this.failures = Counter.builder("anju.cases.registry.publish.failures")
                .description("registry revisions the broker did not take (each is tried again)").register(metrics);
        Gauge.builder("anju.cases.registry.revision", live, LiveRegistry::revision)
                .description("the registry revision the case service routes with").register(metrics);
        Gauge.builder("anju.cases.registry.published.revision", published, AtomicLong::get)
                .description("the newest registry revision published to " + Topics.REGISTRY).register(metrics);
    }

    /** Relays what is pending now, then every interval. */
    public void start() {
        nudge();
        timer = vertx.setPeriodic(interval.toMillis(), id -> nudge());
    }

    /** Looks now (one pass at a time; a nudge during a pass makes another pass follow it). */
    public void nudge() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        pass().onComplete(done -> {
            running.set(false);
            if (done.failed()) {
                failures.increment();
                failingSince.compareAndSet(0, clock.millis());
                LOG.warn("registry revision not relayed to {} (tried again in {}): {}", Topics.REGISTRY, interval,
                        done.cause().getMessage());
            } else if (failingSince.getAndSet(0) != 0) {
                LOG.info("registry relay to {} working again", Topics.REGISTRY);
            }
            if (again.get()) {
                nudge();
            }
        });
    }

    /** A revision just made through this service: relayed at once, without reading it back from the store. */
    public void offer(RegistryRevision revision) {
        offered.accumulateAndGet(revision, (a, b) -> a == null || b.revision() > a.revision() ? b : a);
        nudge();
    }

    /** True unless the last attempt to publish failed. */
    public boolean healthy() {
        return failingSince.get() == 0;
    }

    public long publishedRevision() {
        return published.get();
    }

    private Future<Void> pass() {
        return store.publishedRevision().compose(onTopic -> {
            published.set(onTopic);
            return store.revision().compose(revision -> {
                if (revision <= onTopic && revision <= live.revision()) {
                    return Future.succeededFuture();
                }
                RegistryRevision known = offered.get();
                if (known != null && known.revision() == revision) {
                    return relay(known, onTopic);
                }
                return store.current().compose(found -> found.map(r -> relay(r, onTopic))
                        .orElseGet(Future::succeededFuture));
            });
        });
    }

    private Future<Void> relay(RegistryRevision revision, long onTopic) {
        if (live.use(revision.revision(), new Registry(revision.document()))) {
            LOG.info("registry revision {} in use ({} by {})", revision.revision(), revision.change(),
                    revision.changedBy());
        }
        if (revision.revision() <= onTopic) {
            return Future.succeededFuture();
        }
        return vertx.<Void>executeBlocking(() -> {
                    publisher.publish(revision.published(clock.millis()));
                    return null;
                }, false)
                .compose(v -> store.markPublished(revision.revision()))
                .onSuccess(v -> {
                    published.accumulateAndGet(revision.revision(), Math::max);
                    LOG.debug("registry revision {} published to {}", revision.revision(), Topics.REGISTRY);
                });
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        publisher.close();
    }
}
