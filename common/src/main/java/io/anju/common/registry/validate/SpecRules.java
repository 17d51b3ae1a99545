package io.anju.common.registry.validate;

import io.anju.common.model.CameraSpec;
import io.anju.common.model.ChargerSpec;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.GateSpec;

import java.util.Set;

/** Each device carries exactly the attributes of its type, with values the stream jobs understand. */
final class SpecRules {
    private static final Set<String> CAMERA_WATCHES = Set.copyOf(CameraSpec.WATCHES);
    private static final Set<String> GATE_KINDS = Set.copyOf(GateSpec.KINDS);
    private static final Set<String> GATE_DIRECTIONS = Set.copyOf(GateSpec.DIRECTIONS);

    private final Problems problems;

    SpecRules(Problems problems) {
        this.problems = problems;
    }

    void check(String path, Device d) {
        DeviceType type = d.type();
        present(path + ".charger", d.charger() != null, type == DeviceType.CHARGER, type);
        present(path + ".camera", d.camera() != null, type == DeviceType.CAMERA, type);
        present(path + ".gate", d.gate() != null, type == DeviceType.GATE, type);
        if (type == DeviceType.CHARGER && d.charger() != null) {
            charger(path + ".charger", d.charger());
        } else if (type == DeviceType.CAMERA && d.camera() != null) {
            camera(path + ".camera", d.camera());
        } else if (type == DeviceType.GATE && d.gate() != null) {
            gate(path + ".gate", d.gate());
        }
    }

    private void present(String path, boolean present, boolean required, DeviceType type) {
        if (required && !present) {
            problems.add(path, "missing: a " + type.wireName() + " needs its " + field(path) + " attributes");
        } else if (!required && present) {
            problems.add(path, "a " + type.wireName() + " has no " + field(path) + " attributes");
        }
    }

    private void charger(String path, ChargerSpec c) {
        positive(path + ".ports", c.ports());
        positive(path + ".portLimitW", c.portLimitW());
        positive(path + ".stationRefuseW", c.stationRefuseW());
        positive(path + ".stationLimitW", c.stationLimitW());
        if (c.stationRefuseW() > c.stationLimitW()) {
            problems.add(path + ".stationRefuseW", c.stationRefuseW() + " is above stationLimitW " + c.stationLimitW());
        }
    }

    private void camera(String path, CameraSpec c) {
        oneOf(path + ".watches", c.watches(), CAMERA_WATCHES);
        if (c.building() == null || c.building().isBlank()) {
            problems.add(path + ".building", "missing");
        }
    }

    private void gate(String path, GateSpec g) {
        oneOf(path + ".kind", g.kind(), GATE_KINDS);
        oneOf(path + ".direction", g.direction(), GATE_DIRECTIONS);
    }

    private void positive(String path, int value) {
        if (value <= 0) {
            problems.add(path, "must be positive, was " + value);
        }
    }

    private void oneOf(String path, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            problems.add(path, "'" + value + "' is not one of " + allowed.stream().sorted().toList());
        }
    }

    private static String field(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
