package io.anju.bench.jobs.traffic;

import io.anju.common.registry.RegistryDocument;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrafficTest {
    private static RegistryDocument registry;

    @BeforeAll
    static void registry() {
        registry = RegistryGenerator.generate(new GeneratorOptions(7, true, 500)).document();
    }

    @Test
    void theJobsDecoder_readsEveryPreRenderedEnvelope() {
        DecodeCheck.verify(new Traffic(registry, 20, 7));
    }

    @Test
    void overloadsComeOneInN_neverTwiceInARowForADevice() {
        Traffic traffic = new Traffic(registry, 4, 7);
        Map<String, Boolean> lastWasOverload = new HashMap<>();
        int chargers = 0;
        int overloads = 0;
        for (int i = 0; i < 100_000; i++) {
            Message m = traffic.next(1_800_000_000_000L + i);
            if (m.kind() != Kind.CHARGER) {
                continue;
            }
            chargers++;
            boolean before = lastWasOverload.getOrDefault(m.deviceId(), false);
            assertThat(before && m.overload()).as("two overloads in a row of %s", m.deviceId()).isFalse();
            lastWasOverload.put(m.deviceId(), m.overload());
            overloads += m.overload() ? 1 : 0;
        }
        // 1 in 4, except right after an overload: 1 / (4 + 1) of all readings.
        assertThat((double) overloads / chargers).isBetween(0.18, 0.22);
    }

    @Test
    void theMixFollowsTheDeviceSchedule() {
        Traffic traffic = new Traffic(registry, 200, 7);
        Map<Kind, Integer> counts = new HashMap<>();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts.merge(traffic.nextScheduled(1_800_000_000_000L).kind(), 1, Integer::sum);
        }

        assertThat((double) counts.get(Kind.CHARGER) / n).isBetween(traffic.chargerShare() - 0.01,
                traffic.chargerShare() + 0.01);
        assertThat(traffic.perSecond().get(Kind.CHARGER)).isCloseTo(500 / 30.0, within(1e-9));
        assertThat(traffic.chargerCompounds()).isGreaterThan(400);
    }
}
