package io.anju.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One registered device. The secret is held only as a salted hash ({@link io.anju.common.auth.SecretHash});
 * exactly one of the spec fields matches the type (crowd counters have none: their zone carries area and capacity).
 * {@code installation} and {@code previousSecret} are optional (absent in registries written before they existed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Device(
        String id,
        DeviceType type,
        LocationChain location,
        String secretHash,
        boolean enabled,
        ChargerSpec charger,
        CameraSpec camera,
        GateSpec gate,
        Installation installation,
        PreviousSecret previousSecret) {

    /** A device without installation details or a previous secret. */
    public Device(String id, DeviceType type, LocationChain location, String secretHash, boolean enabled,
                  ChargerSpec charger, CameraSpec camera, GateSpec gate) {
        this(id, type, location, secretHash, enabled, charger, camera, gate, null, null);
    }

    public Device withEnabled(boolean value) {
        return new Device(id, type, location, secretHash, value, charger, camera, gate, installation, previousSecret);
    }

    public Device withLocation(LocationChain value) {
        return new Device(id, type, value, secretHash, enabled, charger, camera, gate, installation, previousSecret);
    }

    /** The device with a new secret hash; the old one stays valid until {@code graceUntil} (Unix ms). */
    public Device withSecretRotated(String newHash, long graceUntil) {
        return new Device(id, type, location, newHash, enabled, charger, camera, gate, installation,
                new PreviousSecret(secretHash, graceUntil));
    }

    public Device withInstallation(Installation value) {
        return new Device(id, type, location, secretHash, enabled, charger, camera, gate, value, previousSecret);
    }
}
