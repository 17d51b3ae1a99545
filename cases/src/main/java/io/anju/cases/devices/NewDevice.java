package io.anju.cases.devices;

import io.anju.common.model.CameraSpec;
import io.anju.common.model.ChargerSpec;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.GateSpec;
import io.anju.common.model.Installation;
import io.anju.common.model.LocationChain;

/**
 * A device to add: its place is a compound ({@code compoundId}) or, for a crowd counter, a zone ({@code zoneId}); the
 * rest of the chain follows the place. The spec matching the type is required, as in the registry file.
 * {@code enabled} defaults to true.
 */
public record NewDevice(String id, DeviceType type, String compoundId, String zoneId, ChargerSpec charger,
                        CameraSpec camera, GateSpec gate, Installation installation, Boolean enabled) {

    Device withSecretHash(String secretHash) {
        return new Device(id, type, new LocationChain(null, null, null, compoundId, zoneId), secretHash,
                enabled == null || enabled, charger, camera, gate, installation, null);
    }
}
