package io.anju.conformance.command;

import io.anju.common.model.DeviceType;

import java.util.ArrayList;
import java.util.List;

/**
 * A command the kit sends to a device under test: every action its type supports (docs/device-protocol.md §3
 * command), then one it does not, which the device must answer {@code rejected}.
 *
 * @param supported whether the device's type supports the action
 */
public record PlannedCommand(String action, Integer port, Integer limitW, boolean supported) {
    /** A port limit below the sandbox's 1 kW port limit, so a charger can carry it out. */
    static final int LIMIT_W = 500;

    public static List<PlannedCommand> forType(DeviceType type) {
        List<PlannedCommand> plan = new ArrayList<>();
        switch (type) {
            case CHARGER -> {
                plan.add(new PlannedCommand("stop_port", 1, null, true));
                plan.add(new PlannedCommand("resume_port", 1, null, true));
                plan.add(new PlannedCommand("set_port_limit", 1, LIMIT_W, true));
                plan.add(new PlannedCommand("reboot", null, null, true));
                plan.add(new PlannedCommand("open_gate", null, null, false));
            }
            case GATE -> {
                plan.add(new PlannedCommand("open_gate", null, null, true));
                plan.add(new PlannedCommand("reboot", null, null, true));
                plan.add(new PlannedCommand("stop_port", 1, null, false));
            }
            case CROWD, CAMERA -> {
                plan.add(new PlannedCommand("reboot", null, null, true));
                plan.add(new PlannedCommand("open_gate", null, null, false));
            }
        }
        return plan;
    }
}
