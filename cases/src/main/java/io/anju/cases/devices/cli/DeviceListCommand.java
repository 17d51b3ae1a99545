package io.anju.cases.devices.cli;

import io.anju.cases.devices.DeviceView;
import io.anju.common.model.DeviceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code device list [--type T] [--compound C] [--enabled true|false]}: one line per device, never a secret hash. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List devices (id, type, place, grid, state, product).")
final class DeviceListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DeviceStoreOptions store;

    @Option(names = "--type", description = "charger, gate, crowd or camera.")
    private String type;

    @Option(names = "--compound", description = "Only devices of this compound.")
    private String compound;

    @Option(names = "--enabled", arity = "1", description = "true: only enabled devices; false: only disabled ones.")
    private Boolean enabled;

    @Override
    public Integer call() throws Exception {
        DeviceType t = type == null ? null : DeviceType.fromWire(type).orElseThrow(() ->
                new IllegalArgumentException("--type must be charger, gate, crowd or camera (was " + type + ")"));
        try (DeviceSession session = store.open()) {
            List<DeviceView> devices = DeviceSession.await(session.devices().list(t, compound, enabled));
            PrintWriter out = spec.commandLine().getOut();
            for (DeviceView d : devices) {
                String place = d.location().compoundId() != null ? d.location().compoundId() : d.location().zoneId();
                String product = d.installation() == null ? "" : String.join(" ", nonNull(d.installation().vendor()),
                        nonNull(d.installation().model()), nonNull(d.installation().firmware())).strip();
                out.printf("%-22s %-8s %-22s %-14s %-8s %s%n", d.id(), d.type().wireName(), place,
                        d.location().gridId(), d.enabled() ? "enabled" : "disabled", product);
            }
            out.printf("%d device(s)%n", devices.size());
            out.flush();
        }
        return 0;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
