package io.anju.common.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsTest {
    @TempDir
    Path dir;

    private final List<Credentials.Entry> entries = List.of(
            new Credentials.Entry("chg-0001-1", "charger", "00112233445566778899aabbccddeeff"),
            new Credentials.Entry("crowd-01", "crowd", "ffeeddccbbaa99887766554433221100"));

    @Test
    void writesHeaderAndOneRowPerDeviceReadableOnlyByItsOwner() throws IOException {
        Path file = dir.resolve("sub/credentials.csv");
        Credentials.write(file, entries);

        assertThat(Files.readAllLines(file)).containsExactly(
                "deviceId,type,secret",
                "chg-0001-1,charger,00112233445566778899aabbccddeeff",
                "crowd-01,crowd,ffeeddccbbaa99887766554433221100");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Credentials.read(file)).isEqualTo(entries);
        assertThat(Credentials.secretsById(file)).containsEntry("crowd-01", "ffeeddccbbaa99887766554433221100");
    }

    @Test
    void overwritingKeepsMode600() throws IOException {
        Path file = dir.resolve("credentials.csv");
        Files.writeString(file, "old");
        Credentials.write(file, entries);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void namesTheLineOfAMalformedRow() throws IOException {
        Path file = dir.resolve("credentials.csv");
        Files.writeString(file, "deviceId,type,secret\nchg-0001-1,charger,abc\nbroken-row\n");
        assertThatThrownBy(() -> Credentials.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ":3: expected deviceId,type,secret");
    }

    @Test
    void requiresTheHeader() throws IOException {
        Path file = dir.resolve("credentials.csv");
        Files.writeString(file, "chg-0001-1,charger,abc\n");
        assertThatThrownBy(() -> Credentials.read(file))
                .hasMessage(file + ":1: expected the header 'deviceId,type,secret'");
    }
}
