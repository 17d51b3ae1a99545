package io.anju.conformance;

import io.anju.common.model.DeviceType;
import io.anju.common.registry.RegistryLoader;
import io.anju.conformance.check.Finding;
import io.anju.conformance.check.Verdict;
import io.anju.conformance.report.DeviceReport;
import io.anju.conformance.run.ConformanceRun;
import io.anju.conformance.run.KitSettings;
import io.anju.conformance.run.ScriptSettings;
import io.anju.conformance.sandbox.DeviceUnderTest;
import io.anju.conformance.sandbox.SandboxSettings;
import io.anju.sim.clock.Scenario;
import io.anju.sim.firmware.FirmwareFlaw;
import io.anju.sim.run.RunSettings;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import io.anju.sim.run.SimulationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit against the simulator in one sandbox, every device at once to keep the run short (×30: a heartbeat every
 * 3 s of real time): correct firmwares (a charger on MQTT 5, a gate on MQTT 3.1.1) pass every check that applies, and
 * each deliberately broken firmware fails exactly the check for its flaw.
 */
class ConformanceKitIT {
    private static final double SPEED = 30;
    private static final String CHARGER_OK = "chg-good-1";
    private static final String GATE_OK = "gate-good-1";
    private static final Map<String, FirmwareFlaw> FLAWED = Map.of(
            "chg-units-1", FirmwareFlaw.WRONG_UNITS,
            "gate-nohb-1", FirmwareFlaw.NO_HEARTBEAT,
            "chg-nobackoff-1", FirmwareFlaw.NO_BACKOFF,
            "chg-replyid-1", FirmwareFlaw.WRONG_REPLY_ID,
            "gate-clock-1", FirmwareFlaw.CLOCK_10_MIN_OFF);
    private static final Map<FirmwareFlaw, String> CAUGHT_BY = Map.of(
            FirmwareFlaw.WRONG_UNITS, "units",
            FirmwareFlaw.NO_HEARTBEAT, "heartbeat",
            FirmwareFlaw.NO_BACKOFF, "reconnect_backoff",
            FirmwareFlaw.WRONG_REPLY_ID, "command_replies",
            FirmwareFlaw.CLOCK_10_MIN_OFF, "clock");

    @TempDir
    Path dir;

    @Test
    void correctFirmwaresPass_eachBrokenFirmwareFailsTheCheckForItsFlaw() throws Exception {
        List<DeviceUnderTest> devices = new java.util.ArrayList<>(List.of(
                new DeviceUnderTest(CHARGER_OK, DeviceType.CHARGER, null),
                new DeviceUnderTest(GATE_OK, DeviceType.GATE, null)));
        FLAWED.forEach((id, flaw) -> devices.add(new DeviceUnderTest(id,
                id.startsWith("chg") ? DeviceType.CHARGER : DeviceType.GATE, null)));
        KitSettings settings = new KitSettings(devices, new SandboxSettings("127.0.0.1", 0, dir.resolve("sandbox"), 4),
                new ScriptSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30),
                        Duration.ofSeconds(30), Duration.ofSeconds(5)), SPEED, dir.resolve("out"));
        StringWriter console = new StringWriter();
        AtomicReference<Simulation> sim = new AtomicReference<>();
        List<DeviceReport> reports;
        try {
            reports = new ConformanceRun(settings, new PrintWriter(console, true)).onSandboxReady((sandbox, scale) -> {
                RunSettings.Builder run = RunSettings.builder("127.0.0.1", sandbox.mqttPort())
                        .devices(devices.stream().map(DeviceUnderTest::id).toArray(String[]::new))
                        .scenario(Scenario.EVENING).speed(SPEED).clockAnchor(scale.anchorMs())
                        .mqtt(CHARGER_OK, 5).mqtt(GATE_OK, 3);
                FLAWED.forEach(run::flaw);
                Map<String, String> secrets = sandbox.devices().stream()
                        .collect(Collectors.toMap(DeviceUnderTest::id, DeviceUnderTest::secret));
                sim.set(SimulationFactory.create(RegistryLoader.load(sandbox.registryFile()), secrets, run.build(),
                        new SimStats()));
                sim.get().start();
            }).run();
        } finally {
            if (sim.get() != null) {
                sim.get().close();
            }
        }
        System.out.println(console);
        Map<String, DeviceReport> byDevice = reports.stream()
                .collect(Collectors.toMap(DeviceReport::deviceId, Function.identity()));

        for (String correct : List.of(CHARGER_OK, GATE_OK)) {
            DeviceReport r = byDevice.get(correct);
            assertThat(r.findings()).as(correct + ": " + r.findings())
                    .allMatch(f -> f.verdict() == Verdict.PASS || f.verdict() == Verdict.NOT_APPLICABLE);
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        }
        assertThat(byDevice.get(CHARGER_OK).protocol()).isEqualTo("5");
        assertThat(byDevice.get(CHARGER_OK).finding("mqtt5").verdict()).isEqualTo(Verdict.PASS);
        assertThat(byDevice.get(GATE_OK).finding("mqtt5").verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        for (String id : List.of(CHARGER_OK, GATE_OK)) {
            for (String check : List.of("connect_auth", "heartbeat", "sequence", "clock", "will", "reconnect_backoff",
                    "command_replies", "topics", "schema")) {
                assertThat(byDevice.get(id).finding(check).verdict()).as(id + " " + check).isEqualTo(Verdict.PASS);
            }
        }
        assertThat(byDevice.get(CHARGER_OK).finding("units").verdict()).isEqualTo(Verdict.PASS);

        FLAWED.forEach((id, flaw) -> {
            DeviceReport r = byDevice.get(id);
            Set<String> failed = r.findings().stream().filter(f -> f.verdict() == Verdict.FAIL).map(Finding::check)
                    .collect(Collectors.toSet());
            assertThat(failed).as(id + " (" + flaw + "): " + r.findings()).containsExactly(CAUGHT_BY.get(flaw));
            assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        });

        Path reportDir = dir.resolve("out").resolve(CHARGER_OK);
        assertThat(Files.readString(reportDir.resolve("report.md"))).contains("# Conformance report: " + CHARGER_OK)
                .contains("`reconnect_backoff`");
        assertThat(Files.readString(reportDir.resolve("report.json"))).contains("\"verdict\" : \"pass\"");
        assertThat(console.toString()).contains("password (its secret):").contains(CHARGER_OK + " (charger): PASS")
                .contains("chg-units-1 (charger): FAIL");
        EnumSet.allOf(FirmwareFlaw.class).forEach(f -> assertThat(FLAWED).containsValue(f));
    }
}
