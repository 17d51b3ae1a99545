package io.anju.dashboards.registry;

import io.anju.common.registry.Registry;
import io.anju.dashboards.testing.Places;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** What is worked out from the registry is worked out once per registry in use, not once per request. */
class PerRevisionTest {

    @Test
    void aValueIsWorkedOutAgainOnlyWhenAnotherRegistryComesIntoUse() {
        Registry first = Places.registry();
        AtomicReference<Registry> inUse = new AtomicReference<>(first);
        AtomicInteger workedOut = new AtomicInteger();
        PerRevision<Integer> devices = new PerRevision<>(inUse::get, r -> {
            workedOut.incrementAndGet();
            return r.devices().size();
        });

        assertThat(devices.get()).isEqualTo(first.devices().size());
        assertThat(devices.get()).isEqualTo(first.devices().size());
        assertThat(workedOut).as("once for the first registry").hasValue(1);

        Registry next = new Registry(first.document());
        inUse.set(next);
        assertThat(devices.get()).isEqualTo(next.devices().size());
        devices.get();
        assertThat(workedOut).as("once more for the next one").hasValue(2);
    }
}
