package io.anju.cases.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPasswordTest {
    @TempDir
    Path dir;

    @Test
    void aNewPassword_isLongAndRandom_inAFileOnlyItsOwnerCanRead_nextToTheDataDirectory() throws Exception {
        Path pgDir = dir.resolve("postgres");
        String password = EmbeddedPassword.readOrCreate(pgDir);

        Path file = dir.resolve("postgres.password");
        assertThat(EmbeddedPassword.fileOf(pgDir)).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(password).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(Files.readString(file)).isEqualTo(password);
        assertThat(EmbeddedPassword.readOrCreate(pgDir)).as("read back, not made anew").isEqualTo(password);
        assertThat(EmbeddedPassword.readOrCreate(dir.resolve("other"))).isNotEqualTo(password);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").hasSize(2);
        }
    }

    @Test
    void aFileOthersCanRead_isRefused_namingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("postgres.password"), "secret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> EmbeddedPassword.read(dir.resolve("postgres")))
                .isInstanceOf(IOException.class).hasMessageContaining(file.toString()).hasMessageContaining("chmod 600");
    }

    @Test
    void anEmptyFile_isRefused_namingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("postgres.password"), "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> EmbeddedPassword.readOrCreate(dir.resolve("postgres")))
                .isInstanceOf(IOException.class).hasMessageContaining(file.toString()).hasMessageContaining("empty");
    }

    @Test
    void aPasswordEditedByHand_isReadWithoutItsLineEnd() throws Exception {
        Path file = Files.writeString(dir.resolve("postgres.password"), "s3cret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThat(EmbeddedPassword.read(dir.resolve("postgres"))).isEqualTo("s3cret");
    }
}
