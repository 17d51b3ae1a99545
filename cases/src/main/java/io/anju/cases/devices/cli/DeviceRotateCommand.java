package io.anju.cases.devices.cli;

import io.anju.cases.devices.DeviceRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** {@code device rotate-secret --id ID [--grace 24h]}: prints the new secret once; the old one works for the grace. */
@Command(name = "rotate-secret", mixinStandardHelpOptions = true,
        description = "Give a device a new secret (printed once); the old one keeps working for the grace period.")
final class DeviceRotateCommand extends OneDeviceCommand {
    @Option(names = "--grace", defaultValue = "PT24H",
            description = "How long the old secret keeps working, ISO-8601 (PT24H, PT30M, PT0S; default: ${DEFAULT-VALUE}).")
    private Duration grace;

    @Override
    void change(DeviceSession session, String id, String changedBy, PrintWriter out) throws Exception {
        DeviceRegistry.Issued issued = DeviceSession.await(session.devices().rotateSecret(id, grace, changedBy));
        printSecret(out, "rotated the secret of " + id, issued);
        out.printf("the old secret works until %s%n", Instant.ofEpochMilli(issued.device().previousSecretValidUntil()));
    }

    static void printSecret(PrintWriter out, String what, DeviceRegistry.Issued issued) {
        out.printf("%s (revision %d)%n", what, issued.revision());
        out.printf("secret: %s%n", issued.secret());
        out.println("(shown this once: only its hash is kept; give it to the installer now)");
        out.flush();
    }
}
