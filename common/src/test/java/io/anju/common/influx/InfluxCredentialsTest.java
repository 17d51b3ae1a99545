package io.anju.common.influx;

import io.anju.common.auth.PrivateFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InfluxCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void readsAPrivateFileAndGivesABasicHeader() throws Exception {
        Path file = privateFile("username=anju\npassword=s3cret-pw\n");
        InfluxCredentials c = InfluxCredentials.read("--influx-credentials", file);
        assertThat(c.username()).isEqualTo("anju");
        assertThat(c.password()).isEqualTo("s3cret-pw");
        assertThat(c.basicAuthorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("anju:s3cret-pw".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void neverPrintsThePassword() throws Exception {
        InfluxCredentials c = InfluxCredentials.read("x", privateFile("username=anju\npassword=s3cret-pw\n"));
        assertThat(c.toString()).contains("anju").doesNotContain("s3cret-pw");
    }

    @Test
    void anEmptySettingMeansNoCredentials() {
        assertThat(InfluxCredentials.fromSetting("influx.credentialsFile", "")).isEmpty();
        assertThat(InfluxCredentials.fromSetting("influx.credentialsFile", null)).isEmpty();
    }

    @Test
    void refusesAMissingFileNamingIt() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> InfluxCredentials.fromSetting("influx.credentialsFile", missing.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("influx.credentialsFile").hasMessageContaining(missing.toString());
    }

    @Test
    void refusesAnEmptyFileOrAMissingKey() throws Exception {
        Path empty = privateFile("");
        assertThatThrownBy(() -> InfluxCredentials.read("s", empty)).hasMessageContaining(empty.toString())
                .hasMessageContaining("no username");
        Path noPassword = privateFile("username=anju\n");
        assertThatThrownBy(() -> InfluxCredentials.read("s", noPassword)).hasMessageContaining("no password");
    }

    @Test
    void refusesAFileOthersMayRead() throws Exception {
        Path file = privateFile("username=anju\npassword=s3cret-pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> InfluxCredentials.read("--influx-credentials", file))
                .hasMessageContaining("--influx-credentials").hasMessageContaining(file.toString())
                .hasMessageContaining("chmod 600").hasMessageNotContaining("s3cret-pw");
    }

    private Path privateFile(String text) throws Exception {
        Path file = Files.createTempFile(dir, "credentials", ".properties");
        PrivateFiles.write(file, text);
        return file;
    }
}
