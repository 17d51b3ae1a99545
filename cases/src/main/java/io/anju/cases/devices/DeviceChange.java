package io.anju.cases.devices;

import io.anju.cases.model.CaseException;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One change of one device, applied to the whole registry document by {@link RegistryStore#apply}: adding refuses an
 * id in use (409), the others an unknown id (404). Rules are not checked here: the store validates the whole
 * document after the change.
 *
 * @param operation   {@code add}, {@code disable}, {@code enable}, {@code move} or {@code rotate-secret} (audited)
 * @param description what changed, in words (published with the revision)
 * @param apply       the device after the change, from the registry and the device before it (null when adding)
 */
public record DeviceChange(String operation, String deviceId, String description, boolean adds,
                           BiFunction<Registry, Device, Device> apply) {

    /** The document after the change, and the device before and after it (before is null for an add). */
    public record Applied(RegistryDocument document, Device before, Device after) {
    }

    public static DeviceChange add(Device device) {
        return new DeviceChange("add", device.id(), "add " + device.id(), true, (registry, none) ->
                device.withLocation(chainOf(registry, device.type(), device.location())));
    }

    public static DeviceChange setEnabled(String id, boolean enabled) {
        String op = enabled ? "enable" : "disable";
        return new DeviceChange(op, id, op + " " + id, false, (registry, d) -> d.withEnabled(enabled));
    }

    /** Moves the device to another compound (or, for a crowd counter, another zone): its chain follows the place. */
    public static DeviceChange move(String id, String placeId) {
        return new DeviceChange("move", id, "move " + id + " to " + placeId, false, (registry, d) -> {
            LocationChain place = d.type() == DeviceType.CROWD
                    ? new LocationChain(null, null, null, null, placeId)
                    : new LocationChain(null, null, null, placeId, null);
            return d.withLocation(chainOf(registry, d.type(), place));
        });
    }

    /** A new secret hash; the old secret works until {@code graceUntil} (Unix ms). */
    public static DeviceChange rotateSecret(String id, String newHash, long graceUntil) {
        return new DeviceChange("rotate-secret", id, "rotate the secret of " + id, false,
                (registry, d) -> d.withSecretRotated(newHash, graceUntil));
    }

    /** Applies the change to {@code document}. */
    public Applied applyTo(RegistryDocument document) {
        Registry registry = new Registry(document);
        Optional<Device> before = registry.device(deviceId);
        if (adds && before.isPresent()) {
            throw new CaseException(CaseException.Kind.CONFLICT, CaseException.Reason.DEVICE_EXISTS,
                    "device " + deviceId + " exists already", deviceId);
        }
        if (!adds && before.isEmpty()) {
            throw noSuchDevice(deviceId);
        }
        Device after = apply.apply(registry, before.orElse(null));
        List<Device> devices = new ArrayList<>(document.devices().size() + 1);
        for (Device d : document.devices()) {
            devices.add(d.id().equals(deviceId) ? after : d);
        }
        if (adds) {
            devices.add(after);
        }
        return new Applied(new RegistryDocument(document.version(), document.seed(), document.note(),
                document.subDistricts(), document.communities(), document.grids(), document.compounds(),
                document.zones(), devices), before.orElse(null), after);
    }

    public static CaseException noSuchDevice(String id) {
        return new CaseException(CaseException.Kind.NOT_FOUND, CaseException.Reason.NO_SUCH_DEVICE, "no device " + id,
                id);
    }

    /**
     * The whole chain above the place {@code given} names (its compound, or its zone for a crowd counter). A place the
     * registry does not know keeps the given ids, for the validator to name every problem.
     */
    public static LocationChain chainOf(Registry registry, DeviceType type, LocationChain given) {
        if (given == null) {
            return null;
        }
        String gridId = type == DeviceType.CROWD
                ? registry.zone(given.zoneId()).map(z -> z.gridId()).orElse(null)
                : registry.compound(given.compoundId()).map(c -> c.gridId()).orElse(null);
        if (gridId == null) {
            return given;
        }
        String communityId = registry.grid(gridId).map(g -> g.communityId()).orElse(null);
        String subDistrictId = communityId == null ? null
                : registry.community(communityId).map(c -> c.subDistrictId()).orElse(null);
        return type == DeviceType.CROWD
                ? new LocationChain(subDistrictId, communityId, gridId, null, given.zoneId())
                : new LocationChain(subDistrictId, communityId, gridId, given.compoundId(), null);
    }
}
