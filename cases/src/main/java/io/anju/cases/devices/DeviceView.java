package io.anju.cases.devices;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.anju.common.model.CameraSpec;
import io.anju.common.model.ChargerSpec;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.GateSpec;
import io.anju.common.model.Installation;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.Registry;

/**
 * A device as the API, the CLI and the audit show it: everything but its secret hashes (a hash is all an attacker
 * needs to try secrets offline). {@code previousSecretValidUntil} tells that an old secret still works, and until when;
 * {@code places} names its places as the registry in use does (the API's reads; the audit keeps ids only).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceView(String id, DeviceType type, LocationChain location, boolean enabled, ChargerSpec charger,
                         CameraSpec camera, GateSpec gate, Installation installation, Long previousSecretValidUntil,
                         PlaceNames places) {

    /** The device without place names (the audit's and a change's answer). */
    public static DeviceView of(Device d) {
        return of(d, null);
    }

    /** The device with the names of its places in {@code registry} (null: none). */
    public static DeviceView of(Device d, Registry registry) {
        return new DeviceView(d.id(), d.type(), d.location(), d.enabled(), d.charger(), d.camera(), d.gate(),
                d.installation(), d.previousSecret() == null ? null : d.previousSecret().validUntil(),
                registry == null ? null : PlaceNames.of(d.location(), registry));
    }
}
