package io.anju.cases.devices.cli;

import io.anju.cases.devices.DeviceRegistry;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code device disable|enable --id ID}: the gateways refuse (and disconnect) a disabled device. */
abstract class DeviceEnableCommand extends OneDeviceCommand {
    private final boolean enabled;

    DeviceEnableCommand(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    void change(DeviceSession session, String id, String changedBy, PrintWriter out) throws Exception {
        DeviceRegistry.Changed changed = DeviceSession.await(session.devices().setEnabled(id, enabled, changedBy));
        out.printf("%s %s (revision %d)%n", enabled ? "enabled" : "disabled", id, changed.revision());
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a device.")
    static final class Disable extends DeviceEnableCommand {
        Disable() {
            super(false);
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a device again.")
    static final class Enable extends DeviceEnableCommand {
        Enable() {
            super(true);
        }
    }
}
