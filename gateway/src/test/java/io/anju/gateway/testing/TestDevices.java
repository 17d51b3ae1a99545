package io.anju.gateway.testing;

import io.anju.common.auth.SecretHash;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;

import java.util.List;
import java.util.Random;

/** A tiny registry: one enabled charger, one enabled camera, one disabled gate. */
public final class TestDevices {
    public static final String CHARGER = "chg-0001";
    public static final String CHARGER_SECRET = "charger-secret-1";
    public static final String CAMERA = "cam-0001";
    public static final String CAMERA_SECRET = "camera-secret-1";
    public static final String DISABLED_GATE = "gate-0009";
    public static final String GATE_SECRET = "gate-secret-9";

    private TestDevices() {
    }

    public static Registry registry() {
        LocationChain loc = new LocationChain("sd-01", "cm-001", "gr-0001", "cp-0001", null);
        Random random = new Random(1);
        List<Device> devices = List.of(
                new Device(CHARGER, DeviceType.CHARGER, loc, SecretHash.hash(CHARGER_SECRET, random), true, null, null, null),
                new Device(CAMERA, DeviceType.CAMERA, loc, SecretHash.hash(CAMERA_SECRET, random), true, null, null, null),
                new Device(DISABLED_GATE, DeviceType.GATE, loc, SecretHash.hash(GATE_SECRET, random), false, null, null, null));
        return new Registry(new RegistryDocument(RegistryDocument.CURRENT_VERSION, 1, "test", List.of(), List.of(),
                List.of(), List.of(), List.of(), devices));
    }
}
