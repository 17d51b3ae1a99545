package io.anju.gateway.snapshot;

import io.anju.common.model.DeviceType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The retention on real files: what a sweep deletes, what a write past a quota sets off, what the metrics say. */
class SnapshotSweeperTest {
    private static final Instant NOW = Instant.now();
    private static final SnapshotOwner CAMERA = new SnapshotOwner(DeviceType.CAMERA, "cam-0007-1");
    private static final SnapshotOwner GATE = new SnapshotOwner(DeviceType.GATE, "gate-0003-2");

    @TempDir
    Path dir;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SnapshotSweeper sweeper;

    @AfterEach
    void close() {
        sweeper.close();
    }

    private SnapshotSweeper sweeper(long deviceMaxBytes, long totalMaxBytes) {
        sweeper = new SnapshotSweeper(dir, new RetentionLimits(Duration.ofDays(30), Duration.ofDays(7), deviceMaxBytes,
                totalMaxBytes, Duration.ofMinutes(10)), meters, NOW::toEpochMilli);
        return sweeper;
    }

    private static byte[] image(int n, int size) {
        byte[] b = new byte[size];
        b[0] = (byte) n;
        b[1] = (byte) (n >> 8);
        return b;
    }

    private Path stored(FileBlobStore store, SnapshotOwner owner, byte[] content, Duration age) throws IOException {
        String sha = store.put(owner, content);
        Path file = owner.file(dir, sha);
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
        return file;
    }

    private double deleted(String reason, String kind) {
        var c = meters.find("anju.gateway.snapshots.deleted").tag("reason", reason).tag("kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aSweepDeletesFaceImagesAfterSevenDaysAndOthersAfterThirty_andLeavesWritesUnderWay() throws Exception {
        FileBlobStore store = new FileBlobStore(dir, () -> true, sweeper(1L << 30, 1L << 30));
        Path gateFresh = stored(store, GATE, image(1, 100), Duration.ofDays(6));
        Path gateOld = stored(store, GATE, image(2, 100), Duration.ofDays(8));
        Path cameraMonth = stored(store, CAMERA, image(3, 100), Duration.ofDays(8));
        Path cameraOld = stored(store, CAMERA, image(4, 100), Duration.ofDays(31));
        Path legacy = dir.resolve("ab").resolve("cd").resolve("abcd" + "0".repeat(60) + ".jpg");
        Files.createDirectories(legacy.getParent());
        Files.write(legacy, image(5, 100));
        Files.setLastModifiedTime(legacy, FileTime.from(NOW.minus(Duration.ofDays(8))));
        Path underWay = Files.write(gateOld.resolveSibling(".put-123.tmp"), image(6, 100));

        SnapshotSweeper.Sweep sweep = sweeper.sweep();

        assertThat(gateFresh).exists();
        assertThat(cameraMonth).exists();
        assertThat(underWay).exists();
        assertThat(gateOld).doesNotExist();
        assertThat(cameraOld).doesNotExist();
        assertThat(legacy).as("an image of the old layout, device unknown: kept as a face image").doesNotExist();
        assertThat(sweep.deletedByReason()).containsEntry("age", 3);
        assertThat(deleted("age", "face")).isEqualTo(2);
        assertThat(deleted("age", "scene")).isEqualTo(1);
        assertThat(meters.get("anju.gateway.snapshots.held.bytes").gauge().value()).isEqualTo(200);
        assertThat(meters.get("anju.gateway.snapshots.held.files").gauge().value()).isEqualTo(2);
    }

    @Test
    void aWriteThatTakesADeviceBeyondItsQuotaDeletesItsOldestImagesAtOnce_otherDevicesKeepTheirs() throws Exception {
        FileBlobStore store = new FileBlobStore(dir, () -> true, sweeper(10_240, 1L << 30));
        sweeper.sweep();   // what start() does first: count the store
        Path otherDevice = stored(store, GATE, image(0, 1_024), Duration.ofDays(1));
        List<Path> camera = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {   // 10 KiB: at the quota, not beyond it
            camera.add(stored(store, CAMERA, image(i, 1_024), Duration.ofMinutes(60 - i)));
        }
        assertThat(deleted("device_quota", "scene")).isZero();

        Path newest = stored(store, CAMERA, image(11, 1_024), Duration.ZERO);

        // 11 KiB held: the two oldest go, leaving 9 KiB (90 % of the quota)
        await().atMost(Duration.ofSeconds(5)).until(() -> sweeper.bytesHeld() == 10 * 1_024);
        assertThat(deleted("device_quota", "scene")).isEqualTo(2);
        assertThat(camera.subList(0, 2)).allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(camera.subList(2, 10)).allSatisfy(p -> assertThat(p).exists());
        assertThat(newest).exists();
        assertThat(otherDevice).exists();
    }

    @Test
    void aWriteThatTakesTheStoreBeyondItsCapDeletesTheOldestImagesOfAnyDevice() throws Exception {
        FileBlobStore store = new FileBlobStore(dir, () -> true, sweeper(8_192, 10_240));
        sweeper.sweep();
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            SnapshotOwner owner = i % 2 == 0 ? CAMERA : GATE;
            images.add(stored(store, owner, image(i, 1_024), Duration.ofMinutes(60 - i)));
        }
        images.add(stored(store, CAMERA, image(10, 1_024), Duration.ZERO));

        await().atMost(Duration.ofSeconds(5)).until(() -> deleted("total_cap", "scene") + deleted("total_cap", "face") == 2);
        assertThat(images.subList(0, 2)).allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(images.subList(2, 11)).allSatisfy(p -> assertThat(p).exists());
    }
}
