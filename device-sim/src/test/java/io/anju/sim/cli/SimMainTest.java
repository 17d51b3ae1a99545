package io.anju.sim.cli;

import io.anju.common.auth.Credentials;
import io.anju.sim.SimMain;
import io.anju.sim.clock.Scenario;
import io.anju.sim.firmware.DeviceFlaw;
import io.anju.sim.firmware.FirmwareFlaw;
import io.anju.sim.link.MqttVersionChoice;
import io.anju.sim.run.RunSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimMainTest {

    private static String[] run(String... extra) {
        String[] base = {"--registry", "r.json", "--credentials", "c.csv"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    private static RunSettings settings(String... args) {
        RunCommand cmd = new RunCommand();
        new CommandLine(cmd).parseArgs(run(args));
        return cmd.settings();
    }

    @Test
    void runDefaults_areDocumented() {
        RunSettings s = settings();
        assertThat(s.link().serverUri()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(s.link().keepAliveS()).isEqualTo(60);
        assertThat(s.link().tokenAuth()).isFalse();
        assertThat(s.mqtt()).isEqualTo(MqttVersionChoice.MIXED);
        assertThat(s.scenario()).isEqualTo(Scenario.EVENING);
        assertThat(s.speed()).isEqualTo(1.0);
        assertThat(s.faults()).isEqualTo("auto");
        assertThat(s.durationMs()).isEqualTo(24 * 3_600_000L);
    }

    @Test
    void runOptions_areApplied() {
        RunSettings s = settings("--tls", "--host", "gw.local", "--mqtt", "5", "--token-auth", "--speed", "60",
                "--duration", "10m", "--scenario", "holiday", "--start", "2026-10-01T09:00", "--devices", "type=crowd");
        assertThat(s.link().serverUri()).isEqualTo("ssl://gw.local:8883");
        assertThat(s.link().tls()).isNotNull();
        assertThat(s.link().tokenAuth()).isTrue();
        assertThat(s.mqtt().versionFor(0)).isEqualTo(5);
        assertThat(s.durationMs()).isEqualTo(600 * 60_000L);
        assertThat(s.startMs()).isEqualTo(io.anju.sim.testing.TinyRegistry.at(2026, 10, 1, 9, 0));
    }

    @Test
    void badSettings_failNamingTheOption() {
        assertThatThrownBy(() -> settings("--mqtt", "4")).hasMessageContaining("--mqtt");
        assertThatThrownBy(() -> settings("--scenario", "party")).hasMessageContaining("--scenario");
        assertThatThrownBy(() -> settings("--duration", "soon")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> settings("--start", "teatime")).hasMessageContaining("--start");
        assertThatThrownBy(() -> settings("--ca", "ca.pem")).hasMessageContaining("--ca");
        assertThatThrownBy(() -> settings("--speed", "0")).hasMessageContaining("--speed");
    }

    @Test
    void flawsAndClockAnchor_areApplied() {
        long anchor = System.currentTimeMillis();
        RunSettings s = settings("--flaw", "chg-0001-1=no_heartbeat", "--flaw", "crowd-01=WRONG_UNITS",
                "--clock-anchor", Long.toString(anchor), "--speed", "60");
        assertThat(s.flaws()).containsExactly(new DeviceFlaw("chg-0001-1", FirmwareFlaw.NO_HEARTBEAT),
                new DeviceFlaw("crowd-01", FirmwareFlaw.WRONG_UNITS));
        assertThat(s.clockAnchorMs()).isEqualTo(anchor);
        assertThat(s.clock().running()).isTrue();
        assertThat(s.startMs()).isBetween(anchor, anchor + 60 * 60_000L);
        assertThat(settings().flaws()).isEmpty();
        assertThat(settings().clockAnchorMs()).isNull();
    }

    @Test
    void badFlawOrAnchor_failsNamingTheOptionAndTheChoices() {
        assertThatThrownBy(() -> settings("--flaw", "chg-0001-1=late")).hasMessageContaining("--flaw")
                .hasMessageContaining("no_backoff");
        assertThatThrownBy(() -> settings("--clock-anchor", "1764378000000", "--start", "now"))
                .hasMessageContaining("--clock-anchor");
        assertThatThrownBy(() -> settings("--clock-anchor", "-5")).hasMessageContaining("--clock-anchor");
    }

    @Test
    void missingRegistryFile_exitsWith2AndAClearMessage(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cl = SimMain.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("run", "--registry", dir.resolve("none.json").toString(), "--credentials",
                dir.resolve("none.csv").toString(), "--faults", "none");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("none.json");
    }

    @Test
    void load_withTooFewDevices_exitsWith2NamingConnections(@TempDir Path dir) {
        Path creds = dir.resolve("c.csv");
        Credentials.write(creds, List.of(new Credentials.Entry("chg-0001-1", "charger", "s")));
        StringWriter err = new StringWriter();
        CommandLine cl = SimMain.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("load", "--credentials", creds.toString(), "--connections", "5");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--connections 5");
    }
}
