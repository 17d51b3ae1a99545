package io.anju.registry.cli;

import io.anju.common.auth.Credentials;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = RegistryCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void generateThenValidateRoundTrip() throws IOException {
        Path registry = dir.resolve("registry.json");
        Path credentials = dir.resolve("credentials.csv");

        assertThat(run("generate", "--seed", "5", "--out", registry.toString(),
                "--credentials", credentials.toString())).isZero();
        assertThat(out.toString())
                .containsPattern("sub-districts\\s+9\\n")
                .containsPattern("communities\\s+131\\n")
                .containsPattern("grids\\s+364\\n")
                .containsPattern("with chargers\\s+424\\n")
                .containsPattern("smart-security\\s+25\\n")
                .containsPattern("charger\\s+\\d+\\n")
                .containsPattern("crowd\\s+1[2-9]\\n");

        Registry loaded = RegistryLoader.load(registry);
        List<Credentials.Entry> secrets = Credentials.read(credentials);
        assertThat(secrets).hasSize(loaded.devices().size());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        String json = Files.readString(registry);
        assertThat(secrets).allSatisfy(e -> assertThat(json).doesNotContain(e.secret()));

        assertThat(run("validate", registry.toString(), "--credentials", credentials.toString())).isZero();
        assertThat(out.toString()).contains(registry + ": valid (" + loaded.devices().size() + " devices");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void seededSecretsMakeTheWholeOutputReproducible() throws IOException {
        Path a = dir.resolve("a/registry.json");
        Path b = dir.resolve("b/registry.json");
        assertThat(run("generate", "--seed", "9", "--seeded-secrets", "--out", a.toString())).isZero();
        assertThat(run("generate", "--seed", "9", "--seeded-secrets", "--out", b.toString())).isZero();
        assertThat(Files.readString(a)).isEqualTo(Files.readString(b));
        assertThat(Files.readString(dir.resolve("a/credentials.csv"))).isEqualTo(Files.readString(dir.resolve("b/credentials.csv")));
    }

    @Test
    void statsPrintsTheCountsOfAFile() {
        Path registry = dir.resolve("registry.json");
        run("generate", "--seed", "5", "--out", registry.toString());
        out.getBuffer().setLength(0);

        assertThat(run("stats", registry.toString())).isZero();
        assertThat(out.toString()).contains("(seed 5)").containsPattern("compounds\\s+437\\n");
    }

    @Test
    void validateFailsWithTheFieldPathOfABadReference() throws IOException {
        Path registry = dir.resolve("registry.json");
        run("generate", "--seed", "5", "--out", registry.toString());
        Files.writeString(registry, Files.readString(registry).replaceFirst("\"gridId\" : \"g-\\d+\"", "\"gridId\" : \"g-999\""));

        assertThat(run("validate", registry.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("registry: " + registry + ": compounds[0].gridId: unknown grid 'g-999'\n")
                .doesNotContain("Exception");
    }

    @Test
    void validateFailsOnBrokenJsonNamingLineAndColumn() throws IOException {
        Path registry = dir.resolve("registry.json");
        Files.writeString(registry, "{\n  \"version\": 1,\n  \"seed\": ]\n}\n");

        assertThat(run("validate", registry.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("registry: " + registry + ":3:");
    }

    @Test
    void validateFailsWhenASecretDoesNotMatch() throws IOException {
        Path registry = dir.resolve("registry.json");
        Path credentials = dir.resolve("credentials.csv");
        run("generate", "--seed", "5", "--out", registry.toString());
        List<Credentials.Entry> entries = Credentials.read(credentials);
        Credentials.Entry first = entries.get(0);
        Credentials.write(credentials, List.of(new Credentials.Entry(first.deviceId(), first.type(), "0".repeat(32))));

        assertThat(run("validate", registry.toString(), "--credentials", credentials.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("the secret of '" + first.deviceId() + "' does not match");
    }

    @Test
    void missingFileAndBadUsageExitNonZero() {
        assertThat(run("validate", dir.resolve("none.json").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("does not exist");
        assertThat(run("generate", "--seed", "abc")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
    }
}
