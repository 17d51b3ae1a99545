package io.anju.conformance.cli;

import io.anju.common.cli.Durations;
import io.anju.conformance.sandbox.DeviceUnderTest;
import io.anju.conformance.sandbox.SandboxSettings;
import io.anju.conformance.run.KitSettings;
import io.anju.conformance.run.ScriptSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code ./anju conformance}, turned into {@link KitSettings}. */
public final class KitOptions {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    @Option(names = "--device", required = true, paramLabel = "ID[:TYPE]",
            description = "The device under test, as provisioned (repeatable; ID:TYPE for a type other than --type).")
    List<String> devices = new ArrayList<>();
    @Option(names = "--type", paramLabel = "TYPE", description = "Its type: charger, gate, crowd or camera.")
    String type;
    @Option(names = "--duration", defaultValue = "10m", description = "How long to watch once connected (default ${DEFAULT-VALUE}).")
    String duration;
    @Option(names = "--speed", defaultValue = "1",
            description = "For simulated firmwares running N× real time (default ${DEFAULT-VALUE}: a real device).")
    double speed;
    @Option(names = "--out", paramLabel = "DIR",
            description = "Where report.md and report.json go (default ./conformance/<device>-<UTC time>).")
    Path out;
    @Option(names = "--mqtt-port", defaultValue = "1883", description = "The sandbox's MQTT port (default ${DEFAULT-VALUE}; 0: any free port).")
    int mqttPort;
    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "The address it listens on (default ${DEFAULT-VALUE}).")
    String bind;
    @Option(names = "--refuse-for", defaultValue = "20s",
            description = "How long reconnects are refused after the forced drop (default ${DEFAULT-VALUE}).")
    String refuseFor;
    @Option(names = "--connect-wait", defaultValue = "5m",
            description = "How long to wait for the device's first connection (default ${DEFAULT-VALUE}).")
    String connectWait;
    @Option(names = "--reply-grace", defaultValue = "60s",
            description = "How long past the watch to wait for command replies (default ${DEFAULT-VALUE}).")
    String replyGrace;
    @Option(names = "--ports", defaultValue = "12", description = "A charger's number of ports (default ${DEFAULT-VALUE}).")
    int ports;

    public KitSettings settings() {
        List<DeviceUnderTest> parsed = DeviceSpec.parse(devices, type);
        if (!(speed > 0) || speed > 1000) {
            throw new IllegalArgumentException("--speed must be > 0 and <= 1000, was " + speed);
        }
        if (ports < 1) {
            throw new IllegalArgumentException("--ports must be >= 1");
        }
        ScriptSettings script = new ScriptSettings(duration("--duration", duration), duration("--refuse-for", refuseFor),
                duration("--connect-wait", connectWait), duration("--reply-grace", replyGrace), Duration.ofSeconds(10));
        if (script.refuseFor().compareTo(script.watch()) >= 0) {
            throw new IllegalArgumentException("--refuse-for must be shorter than --duration");
        }
        Path dir = out != null ? out : Path.of("conformance", (parsed.size() == 1 ? parsed.get(0).id()
                : parsed.get(0).id() + "-and-" + (parsed.size() - 1) + "-more") + "-"
                + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)));
        return new KitSettings(parsed, new SandboxSettings(bind, mqttPort, dir.resolve("sandbox"), ports), script, speed,
                dir);
    }

    private static Duration duration(String option, String text) {
        return Duration.ofMillis(Durations.parseMillis(option, text));
    }
}
