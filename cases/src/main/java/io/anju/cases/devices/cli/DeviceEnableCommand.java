package io.anju.cases.devices.cli;

import io.anju.cases.devices.DeviceRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code device disable|enable --id ID}: the gateways refuse (and disconnect) a disabled device. */
abstract class DeviceEnableCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DeviceStoreOptions store;

    @Option(names = "--id", required = true, description = "The device.")
    private String id;

    private final boolean enabled;

    DeviceEnableCommand(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Integer call() throws Exception {
        try (DeviceSession session = store.open()) {
            DeviceRegistry.Changed changed = DeviceSession.await(session.devices().setEnabled(id, enabled,
                    store.changedBy()));
            spec.commandLine().getOut().printf("%s %s (revision %d)%n", enabled ? "enabled" : "disabled", id,
                    changed.revision());
            spec.commandLine().getOut().flush();
        }
        return 0;
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
