package io.anju.conformance.run;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import io.anju.conformance.check.Checks;
import io.anju.conformance.check.Finding;
import io.anju.conformance.command.CommandSender;
import io.anju.conformance.report.DeviceReport;
import io.anju.conformance.report.ReportWriter;
import io.anju.conformance.sandbox.DeviceUnderTest;
import io.anju.conformance.sandbox.Sandbox;
import io.anju.conformance.watch.DeviceLog;
import io.anju.conformance.watch.ObservationLog;
import io.anju.conformance.watch.TimeScale;
import io.anju.conformance.watch.TopicWatcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run of the kit: starts the sandbox, prints what the vendor needs to connect, runs the {@link RunScript} while the
 * {@link TopicWatcher} records, then judges every device with every check and writes its report.
 */
public final class ConformanceRun {
    /** Time for the watcher to read what the gateway wrote last. */
    static final long DRAIN_MS = 2_000;

    /** Told when the sandbox is up (the integration test starts its simulated firmwares here). */
    public interface SandboxListener {
        void ready(Sandbox sandbox, TimeScale scale) throws Exception;
    }

    private final KitSettings settings;
    private final PrintWriter out;
    private SandboxListener listener = (sandbox, scale) -> { };

    public ConformanceRun(KitSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    public ConformanceRun onSandboxReady(SandboxListener l) {
        this.listener = l;
        return this;
    }

    public List<DeviceReport> run() throws Exception {
        String startedAt = Instant.now().toString();
        TimeScale scale = TimeScale.anchoredNow(settings.speed());
        Map<String, DeviceType> underTest = new LinkedHashMap<>();
        settings.devices().forEach(d -> underTest.put(d.id(), d.type()));
        ObservationLog log = new ObservationLog(scale, underTest);
        Files.createDirectories(settings.sandbox().dataDir());
        long watchEnd;
        try (Sandbox sandbox = Sandbox.start(settings.sandbox(), settings.devices(), scale);
             TopicWatcher watcher = new TopicWatcher(sandbox.kafka(), log).start();
             CommandSender sender = new CommandSender(sandbox.kafka())) {
            printCredentials(sandbox, scale);
            listener.ready(sandbox, scale);
            watchEnd = new RunScript(sandbox, log, sender, settings.script(), out).run();
            Thread.sleep(DRAIN_MS);
        } finally {
            deleteQuietly(settings.sandbox().dataDir().resolve("gateway"));
        }
        List<DeviceReport> reports = new ArrayList<>();
        boolean several = settings.devices().size() > 1;
        for (DeviceUnderTest d : settings.devices()) {
            DeviceLog deviceLog = log.snapshot(d.id(), watchEnd);
            List<Finding> findings = Checks.run(deviceLog);
            long watchedS = Math.round(scale.realSpan(deviceLog.watchEnd() - deviceLog.watchStart()) / 1000);
            DeviceReport report = new DeviceReport(d.id(), d.type().wireName(), deviceLog.protocol().orElse(null),
                    startedAt, settings.speed(), scale.anchorMs(), watchedS, DeviceReport.overall(findings), findings);
            Path md = ReportWriter.write(ReportWriter.dirFor(settings.out(), d.id(), several), report);
            reports.add(report);
            out.println(report.summaryLine() + " — " + md);
        }
        out.flush();
        return reports;
    }

    private void printCredentials(Sandbox sandbox, TimeScale scale) {
        String bind = settings.sandbox().bind();
        out.println("Conformance sandbox up: an Anju gateway of its own, for the device(s) under test only.");
        out.println("  MQTT        " + ("0.0.0.0".equals(bind) ? "this machine's address (all interfaces)" : bind)
                + ", port " + sandbox.mqttPort() + " (plain TCP; MQTT 3.1.1 or 5)");
        for (DeviceUnderTest d : sandbox.devices()) {
            out.println("  device      " + d.id() + " (" + d.type().wireName() + ")");
            out.println("    client id and user name: " + d.id());
            out.println("    password (its secret):   " + d.secret());
            out.println("    publish on:              " + MqttTopics.devicePrefix(d.type(), d.id())
                    + "{telemetry, event, status, snapshot/<id>, command/reply}");
            out.println("    subscribe to:            " + MqttTopics.command(d.type(), d.id()));
        }
        out.println("  secrets also in " + sandbox.credentialsFile());
        ScriptSettings s = settings.script();
        out.println("  The kit waits up to " + s.connectWait().toSeconds() + " s for the device(s) to connect, then watches "
                + s.watch().toSeconds() + " s: at a third of that it drops the connection without DISCONNECT and "
                + "refuses reconnects for " + s.refuseFor().toSeconds() + " s, then sends commands.");
        if (scale.speed() != 1) {
            out.println("  Simulated firmware at ×" + scale.speed() + ": its clock must read anchor + (now − anchor) × "
                    + scale.speed() + " with anchor " + scale.anchorMs() + " (sim run --clock-anchor "
                    + scale.anchorMs() + " --speed " + scale.speed() + ")");
        }
        out.flush();
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the sandbox's Kafka log is scratch: a leftover only costs disk
        }
    }
}
