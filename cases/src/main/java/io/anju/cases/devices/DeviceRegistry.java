package io.anju.cases.devices;

import io.anju.cases.model.CaseException;
import io.anju.common.auth.SecretIssuer;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What the device API and {@code ./anju device} do: list and read devices (never their secret hashes), add one (its
 * secret issued and shown once), disable, enable, move, rotate its secret with a grace period for the old one, and
 * read the audit. Each change is one {@link RegistryStore#apply} transaction; {@code changed} hears of the new
 * revision (the running service swaps it in and relays it at once).
 */
public final class DeviceRegistry {
    /** How long a rotated-out secret keeps working unless the caller says otherwise. */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    public static final int MAX_CHANGES = 1000;

    private final RegistryStore store;
    private final Clock clock;
    private final Consumer<RegistryRevision> changed;

    public DeviceRegistry(RegistryStore store, Clock clock, Consumer<RegistryRevision> changed) {
        this.store = store;
        this.clock = clock;
        this.changed = changed;
    }

    /** A device as added, with its secret: shown this once, only its hash is kept. */
    public record Issued(DeviceView device, String secret, long revision) {
    }

    /** A device as changed, and the revision the change made. */
    public record Changed(DeviceView device, long revision) {
    }

    /** Devices in id order, each filter ignored when null. */
    public Future<List<DeviceView>> list(DeviceType type, String compoundId, Boolean enabled) {
        return registry().map(r -> r.devices().stream()
                .filter(d -> type == null || d.type() == type)
                .filter(d -> compoundId == null || compoundId.equals(d.location().compoundId()))
                .filter(d -> enabled == null || d.enabled() == enabled)
                .sorted(Comparator.comparing(Device::id))
                .map(d -> DeviceView.of(d, r)).toList());
    }

    public Future<DeviceView> get(String id) {
        return registry().map(r -> r.device(id).map(d -> DeviceView.of(d, r))
                .orElseThrow(() -> DeviceChange.noSuchDevice(id)));
    }

    public Future<Issued> add(NewDevice device, String by) {
        Objects.requireNonNull(device.type(), "type");
        SecretIssuer.Issued secret = SecretIssuer.secure().issue();
        return change(DeviceChange.add(device.withSecretHash(secret.hash())), by)
                .map(c -> new Issued(c.device(), secret.secret(), c.revision()));
    }

    public Future<Changed> setEnabled(String id, boolean enabled, String by) {
        return change(DeviceChange.setEnabled(id, enabled), by);
    }

    public Future<Changed> move(String id, String placeId, String by) {
        return change(DeviceChange.move(id, placeId), by);
    }

    /** A new secret (shown this once); the old one keeps working for {@code grace} (null: {@link #DEFAULT_GRACE}). */
    public Future<Issued> rotateSecret(String id, Duration grace, String by) {
        Duration g = grace == null ? DEFAULT_GRACE : grace;
        if (g.isNegative()) {
            throw CaseException.invalid("the grace period must not be negative (was " + g + ")");
        }
        SecretIssuer.Issued secret = SecretIssuer.secure().issue();
        return change(DeviceChange.rotateSecret(id, secret.hash(), clock.millis() + g.toMillis()), by)
                .map(c -> new Issued(c.device(), secret.secret(), c.revision()));
    }

    /** The current revision (a bulk import plans against it for its dry run). */
    public Future<RegistryRevision> current() {
        return store.current().map(r -> r.orElseThrow(() -> new IllegalStateException(RegistryStore.NO_REGISTRY)));
    }

    /**
     * Many devices changed in one revision ({@link RegistryStore#rewrite}): a bulk import. {@code description}, asked
     * after {@code rewrite}, says what changed.
     */
    public Future<RegistryRevision> rewrite(UnaryOperator<RegistryDocument> rewrite, String by,
                                            Supplier<String> description) {
        return store.rewrite(rewrite, by, description).map(revision -> {
            changed.accept(revision);
            return revision;
        });
    }

    public Future<List<RegistryChange>> changes(String deviceId, int limit) {
        return store.changes(deviceId, Math.max(1, Math.min(limit, MAX_CHANGES)));
    }

    private Future<Changed> change(DeviceChange change, String by) {
        return store.apply(change, by).map(c -> {
            changed.accept(c.revision());
            return new Changed(DeviceView.of(c.after()), c.revision().revision());
        });
    }

    private Future<Registry> registry() {
        return store.current().map(r -> new Registry(r.orElseThrow(() -> new IllegalStateException(
                "the case store holds no registry yet")).document()));
    }
}
