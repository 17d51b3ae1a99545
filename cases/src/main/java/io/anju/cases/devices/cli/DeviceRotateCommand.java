package io.anju.cases.devices.cli;

import io.anju.cases.devices.DeviceRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code device rotate-secret --id ID [--grace 24h]}: prints the new secret once; the old one works for the grace. */
@Command(name = "rotate-secret", mixinStandardHelpOptions = true,
        description = "Give a device a new secret (printed once); the old one keeps working for the grace period.")
final class DeviceRotateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DeviceStoreOptions store;

    @Option(names = "--id", required = true, description = "The device.")
    private String id;

    @Option(names = "--grace", defaultValue = "PT24H",
            description = "How long the old secret keeps working, ISO-8601 (PT24H, PT30M, PT0S; default: ${DEFAULT-VALUE}).")
    private Duration grace;

    @Override
    public Integer call() throws Exception {
        try (DeviceSession session = store.open()) {
            DeviceRegistry.Issued issued = DeviceSession.await(session.devices().rotateSecret(id, grace,
                    store.changedBy()));
            printSecret(spec, "rotated the secret of " + id, issued);
            spec.commandLine().getOut().printf("the old secret works until %s%n",
                    Instant.ofEpochMilli(issued.device().previousSecretValidUntil()));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    static void printSecret(CommandSpec spec, String what, DeviceRegistry.Issued issued) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s (revision %d)%n", what, issued.revision());
        out.printf("secret: %s%n", issued.secret());
        out.println("(shown this once: only its hash is kept; give it to the installer now)");
        out.flush();
    }
}
