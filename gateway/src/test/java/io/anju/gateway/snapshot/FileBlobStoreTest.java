package io.anju.gateway.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FileBlobStoreTest {
    // SHA-256 of "abc" (FIPS 180-2 test vector).
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path dir;

    @Test
    void putReturnsTheSha256AndStoresUnderTheFanOutPath() throws Exception {
        FileBlobStore store = new FileBlobStore(dir);
        String sha = store.put("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(sha).isEqualTo(ABC_SHA256);
        Path file = dir.resolve("ba").resolve("78").resolve(ABC_SHA256 + ".jpg");
        assertThat(file).exists().hasBinaryContent("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(store.exists(sha)).isTrue();
        assertThat(store.get(sha)).hasValueSatisfying(b -> assertThat(b).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void putIsIdempotentAndLeavesNoTempFiles() throws Exception {
        FileBlobStore store = new FileBlobStore(dir);
        byte[] image = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        String first = store.put(image);
        String second = store.put(image.clone());
        assertThat(second).isEqualTo(first);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).hasSize(1);
        }
    }

    @Test
    void unknownOrMalformedKeysAreAbsent() {
        FileBlobStore store = new FileBlobStore(dir);
        assertThat(store.exists(ABC_SHA256)).isFalse();
        assertThat(store.get(ABC_SHA256)).isEmpty();
        assertThat(store.get("../../etc/passwd")).isEmpty();
        assertThat(store.exists("ZZ")).isFalse();
    }

    @Test
    void blobsSurviveANewStoreOnTheSameDirectory() {
        String sha = new FileBlobStore(dir).put(new byte[]{1, 2, 3});
        assertThat(new FileBlobStore(dir).get(sha)).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
    }
}
