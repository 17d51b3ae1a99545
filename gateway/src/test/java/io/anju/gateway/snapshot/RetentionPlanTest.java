package io.anju.gateway.snapshot;

import io.anju.common.model.DeviceType;
import io.anju.gateway.snapshot.RetentionPlan.Deletion;
import io.anju.gateway.snapshot.RetentionPlan.Reason;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionPlanTest {
    private static final long NOW = 1_764_378_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final SnapshotOwner CAMERA = new SnapshotOwner(DeviceType.CAMERA, "cam-1");
    private static final SnapshotOwner GATE = new SnapshotOwner(DeviceType.GATE, "gate-1");
    private static final RetentionLimits LIMITS =
            new RetentionLimits(Duration.ofDays(30), Duration.ofDays(7), 10_000, 25_000, Duration.ofMinutes(10));

    private static StoredSnapshot image(SnapshotOwner owner, String name, long ageMillis, long bytes) {
        return new StoredSnapshot(owner, Path.of(name), NOW - ageMillis, bytes);
    }

    private static List<String> deleted(List<Deletion> plan, Reason reason) {
        return plan.stream().filter(d -> d.reason() == reason).map(d -> d.snapshot().file().toString()).toList();
    }

    @Test
    void faceImagesGoAfterTheirShorterAge_sceneImagesAfterTheirs_unknownOnesAsFaces() {
        List<StoredSnapshot> store = List.of(
                image(GATE, "gate-6d", 6 * DAY, 100), image(GATE, "gate-8d", 8 * DAY, 100),
                image(CAMERA, "cam-8d", 8 * DAY, 100), image(CAMERA, "cam-31d", 31 * DAY, 100),
                image(null, "legacy-8d", 8 * DAY, 100));
        List<Deletion> plan = RetentionPlan.plan(store, LIMITS, NOW, true);
        assertThat(deleted(plan, Reason.AGE)).containsExactly("cam-31d", "gate-8d", "legacy-8d");
        assertThat(plan).hasSize(3);
    }

    @Test
    void aDeviceBeyondItsQuotaLosesItsOldestDownToNinetyPercent_othersKeepTheirs() {
        List<StoredSnapshot> store = new ArrayList<>();
        for (int i = 0; i < 12; i++) {   // 12,000 bytes of a 10,000-byte quota, image 0 the oldest
            store.add(image(CAMERA, "cam-" + i, (12 - i) * 1_000L, 1_000));
        }
        store.add(image(GATE, "gate-old", DAY, 1_000));
        List<Deletion> plan = RetentionPlan.plan(store, LIMITS, NOW, false);
        assertThat(deleted(plan, Reason.DEVICE_QUOTA)).containsExactly("cam-0", "cam-1", "cam-2");
        assertThat(plan).hasSize(3);
    }

    @Test
    void theWholeStoreBeyondItsCapLosesTheOldestOfAnyDevice_butOneDeviceListingIsNotJudgedByTheCap() {
        List<StoredSnapshot> store = new ArrayList<>();
        for (int i = 0; i < 9; i++) {   // 27,000 bytes of a 25,000-byte cap, no device beyond its quota
            SnapshotOwner owner = new SnapshotOwner(DeviceType.CAMERA, "cam-" + (i % 3));
            store.add(image(owner, "img-" + i, (9 - i) * 1_000L, 3_000));
        }
        List<Deletion> plan = RetentionPlan.plan(store, LIMITS, NOW, true);
        assertThat(deleted(plan, Reason.TOTAL_CAP)).containsExactly("img-0", "img-1");   // down to 22,500
        assertThat(RetentionPlan.plan(store, LIMITS, NOW, false)).isEmpty();
    }
}
