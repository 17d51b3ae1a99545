package io.anju.cases.devices.cli;

import io.anju.cases.devices.DeviceRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code device move --id ID --to PLACE}: to another compound (a crowd counter to another zone). */
@Command(name = "move", mixinStandardHelpOptions = true,
        description = "Move a device to another compound (a crowd counter to another zone); its grid follows the place.")
final class DeviceMoveCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DeviceStoreOptions store;

    @Option(names = "--id", required = true, description = "The device.")
    private String id;

    @Option(names = "--to", required = true, description = "The compound (the zone for a crowd counter).")
    private String to;

    @Override
    public Integer call() throws Exception {
        try (DeviceSession session = store.open()) {
            DeviceRegistry.Changed changed = DeviceSession.await(session.devices().move(id, to, store.changedBy()));
            spec.commandLine().getOut().printf("moved %s to %s, grid %s (revision %d)%n", id, to,
                    changed.device().location().gridId(), changed.revision());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
