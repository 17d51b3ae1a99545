package io.anju.conformance;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad usage exits 2 with a message, before any sandbox starts. */
class ConformanceMainTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ConformanceMain());
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void noDevice_exits2() {
        assertThat(run("--type", "charger")).isEqualTo(2);
        assertThat(err.toString()).contains("--device");
    }

    @Test
    void noType_exits2_sayingTypeIsRequired() {
        assertThat(run("--device", "chg-0042-2")).isEqualTo(2);
        assertThat(err.toString()).contains("--type is required");
    }

    @Test
    void unknownType_orARefusalWindowLongerThanTheWatch_exits2() {
        assertThat(run("--device", "x", "--type", "toaster")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown type 'toaster'");
        assertThat(run("--device", "x", "--type", "gate", "--duration", "10s", "--refuse-for", "20s")).isEqualTo(2);
        assertThat(err.toString()).contains("--refuse-for must be shorter than --duration");
    }
}
