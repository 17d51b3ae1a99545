package io.anju.jobs;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Flags that cannot work together stop ./anju jobs before anything starts, naming the flag. */
class JobsMainTest {

    @Test
    void influxCredentialsWithoutAnInfluxUrl_areRefused() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new JobsMain()).setErr(new PrintWriter(err));
        int exit = cli.execute("--registry", "registry.json", "--influx-credentials", "credentials.properties");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--influx-credentials").contains("needs --influx-url");
    }
}
