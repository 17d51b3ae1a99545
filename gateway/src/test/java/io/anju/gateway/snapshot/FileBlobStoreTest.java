package io.anju.gateway.snapshot;

import io.anju.common.model.DeviceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileBlobStoreTest {
    // SHA-256 of "abc" (FIPS 180-2 test vector).
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final SnapshotOwner CAMERA = new SnapshotOwner(DeviceType.CAMERA, "cam-0007-1");
    private static final SnapshotOwner GATE = new SnapshotOwner(DeviceType.GATE, "gate-0003-2");

    @TempDir
    Path dir;

    @Test
    void putReturnsTheSha256AndStoresUnderItsDevice() throws Exception {
        FileBlobStore store = new FileBlobStore(dir);
        String sha = store.put(CAMERA, "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(sha).isEqualTo(ABC_SHA256);
        Path file = dir.resolve("camera").resolve("cam-0007-1").resolve("ba").resolve(ABC_SHA256 + ".jpg");
        assertThat(file).exists().hasBinaryContent("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(store.exists(CAMERA, sha)).isTrue();
        assertThat(store.exists(GATE, sha)).as("another device's images are its own").isFalse();
        assertThat(store.get(CAMERA, sha)).hasValueSatisfying(b -> assertThat(b).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void putIsIdempotentAndLeavesNoTempFiles() throws Exception {
        FileBlobStore store = new FileBlobStore(dir);
        byte[] image = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        String first = store.put(CAMERA, image);
        String second = store.put(CAMERA, image.clone());
        assertThat(second).isEqualTo(first);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).hasSize(1);
        }
    }

    @Test
    void anImageSentAgainStartsItsRetentionAgain_andIsNotCountedTwice() throws Exception {
        List<Long> written = new ArrayList<>();
        FileBlobStore store = new FileBlobStore(dir, () -> true, (owner, bytes) -> written.add(bytes));
        String sha = store.put(GATE, new byte[]{1, 2, 3});
        Path file = dir.resolve("gate").resolve("gate-0003-2").resolve(sha.substring(0, 2)).resolve(sha + ".jpg");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(86_400)));

        store.put(GATE, new byte[]{1, 2, 3});

        assertThat(Files.getLastModifiedTime(file).toInstant()).isAfter(Instant.now().minusSeconds(60));
        assertThat(written).containsExactly(3L);
    }

    @Test
    void whileTheDiskIsLow_writesAreRefusedAndNothingIsWritten() throws Exception {
        AtomicBoolean diskOk = new AtomicBoolean(false);
        FileBlobStore store = new FileBlobStore(dir, diskOk::get, (owner, bytes) -> { });
        assertThatThrownBy(() -> store.put(CAMERA, new byte[]{1, 2, 3})).hasMessageContaining("disk space is low");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
        diskOk.set(true);
        assertThat(store.exists(CAMERA, store.put(CAMERA, new byte[]{1, 2, 3}))).isTrue();
    }

    @Test
    void unknownOrMalformedKeysAreAbsent() {
        FileBlobStore store = new FileBlobStore(dir);
        assertThat(store.exists(CAMERA, ABC_SHA256)).isFalse();
        assertThat(store.get(CAMERA, ABC_SHA256)).isEmpty();
        assertThat(store.get(CAMERA, "../../etc/passwd")).isEmpty();
        assertThat(store.exists(CAMERA, "ZZ")).isFalse();
        assertThatThrownBy(() -> store.put(new SnapshotOwner(DeviceType.CAMERA, ".."), new byte[]{1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blobsSurviveANewStoreOnTheSameDirectory() {
        String sha = new FileBlobStore(dir).put(CAMERA, new byte[]{1, 2, 3});
        assertThat(new FileBlobStore(dir).get(CAMERA, sha)).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
    }
}
