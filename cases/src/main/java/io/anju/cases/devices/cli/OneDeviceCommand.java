package io.anju.cases.devices.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** A device command that changes one device ({@code --id}) in the case store and says what it did. */
abstract class OneDeviceCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DeviceStoreOptions store;

    @Option(names = "--id", required = true, description = "The device.")
    private String id;

    /** Makes the change to device {@code id} as {@code changedBy}, and reports it on {@code out}. */
    abstract void change(DeviceSession session, String id, String changedBy, PrintWriter out) throws Exception;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (DeviceSession session = store.open()) {
            change(session, id, store.changedBy(), out);
        } finally {
            out.flush();
        }
        return 0;
    }
}
