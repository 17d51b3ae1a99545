package io.anju.cases.devices.cli;

import io.anju.cases.devices.DeviceRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code device move --id ID --to PLACE}: to another compound (a crowd counter to another zone). */
@Command(name = "move", mixinStandardHelpOptions = true,
        description = "Move a device to another compound (a crowd counter to another zone); its grid follows the place.")
final class DeviceMoveCommand extends OneDeviceCommand {
    @Option(names = "--to", required = true, description = "The compound (the zone for a crowd counter).")
    private String to;

    @Override
    void change(DeviceSession session, String id, String changedBy, PrintWriter out) throws Exception {
        DeviceRegistry.Changed changed = DeviceSession.await(session.devices().move(id, to, changedBy));
        out.printf("moved %s to %s, grid %s (revision %d)%n", id, to, changed.device().location().gridId(),
                changed.revision());
    }
}
