package io.anju.dashboards.web;

import io.anju.common.model.CrowdZone;
import io.anju.dashboards.testing.Places;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Beiyuanmen schematic: every zone has its own box on 1000 × 400, entrances at the ends, the same every time. */
class ZoneLayoutTest {
    private final List<CrowdZone> zones = List.copyOf(Places.registry().zones());

    @Test
    void everyZoneHasABoxInsideTheSchematicAndNoneOverlap() {
        Map<String, ZoneLayout.Box> boxes = ZoneLayout.of(zones);
        assertThat(boxes).hasSize(14);
        List<ZoneLayout.Box> all = new ArrayList<>(boxes.values());
        for (ZoneLayout.Box b : all) {
            assertThat(b.x()).isGreaterThanOrEqualTo(0);
            assertThat(b.y()).isGreaterThanOrEqualTo(0);
            assertThat(b.x() + b.w()).isLessThanOrEqualTo(ZoneLayout.WIDTH);
            assertThat(b.y() + b.h()).isLessThanOrEqualTo(ZoneLayout.HEIGHT);
            assertThat(b.w()).isGreaterThan(50);
            assertThat(b.h()).isGreaterThan(50);
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertThat(overlap(all.get(i), all.get(j))).as("boxes %s and %s", all.get(i), all.get(j)).isFalse();
            }
        }
    }

    @Test
    void entrancesStandAtTheEndsOfTheStreet() {
        Map<String, ZoneLayout.Box> boxes = ZoneLayout.of(zones);
        int left = boxes.values().stream().mapToInt(ZoneLayout.Box::x).min().orElseThrow();
        int right = boxes.values().stream().mapToInt(b -> b.x() + b.w()).max().orElseThrow();
        for (CrowdZone z : zones) {
            ZoneLayout.Box b = boxes.get(z.id());
            boolean atAnEnd = b.x() == left || b.x() + b.w() == right;
            assertThat(atAnEnd).as("%s (entrance %s) at %s", z.name(), z.entrance(), b).isEqualTo(z.entrance());
        }
    }

    @Test
    void theLayoutIsDeterministic() {
        assertThat(ZoneLayout.of(zones)).isEqualTo(ZoneLayout.of(List.copyOf(Places.registry().zones())));
    }

    private static boolean overlap(ZoneLayout.Box a, ZoneLayout.Box b) {
        return a.x() < b.x() + b.w() && b.x() < a.x() + a.w() && a.y() < b.y() + b.h() && b.y() < a.y() + a.h();
    }
}
