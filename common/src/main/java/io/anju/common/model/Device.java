package io.anju.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One registered device. The secret is held only as a salted hash ({@link io.anju.common.auth.SecretHash});
 * exactly one of the spec fields matches the type (crowd counters have none: their zone carries area and capacity).
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
        GateSpec gate) {

    public Device withEnabled(boolean value) {
        return new Device(id, type, location, secretHash, value, charger, camera, gate);
    }
}
