package io.anju.conformance.cli;

import io.anju.common.model.DeviceType;
import io.anju.conformance.sandbox.DeviceUnderTest;

import java.util.ArrayList;
import java.util.List;

/** {@code --device ID} (of {@code --type}) or {@code --device ID:TYPE}. */
final class DeviceSpec {
    private DeviceSpec() {
    }

    static List<DeviceUnderTest> parse(List<String> specs, String defaultType) {
        List<DeviceUnderTest> devices = new ArrayList<>();
        for (String spec : specs) {
            int colon = spec.lastIndexOf(':');
            String id = colon < 0 ? spec.trim() : spec.substring(0, colon).trim();
            String type = colon < 0 ? defaultType : spec.substring(colon + 1).trim();
            if (id.isEmpty()) {
                throw new IllegalArgumentException("--device needs an id (was '" + spec + "')");
            }
            if (type == null) {
                throw new IllegalArgumentException("--type is required (charger, gate, crowd or camera), or give --device "
                        + id + ":TYPE");
            }
            DeviceType t = DeviceType.fromWire(type).orElseThrow(() -> new IllegalArgumentException(
                    "unknown type '" + type + "' (charger, gate, crowd, camera)"));
            if (devices.stream().anyMatch(d -> d.id().equals(id))) {
                throw new IllegalArgumentException("--device " + id + " given twice");
            }
            devices.add(new DeviceUnderTest(id, t, null));
        }
        return devices;
    }
}
