package io.anju.gateway.downlink;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceChainsTest {
    private final DeviceChains chains = new DeviceChains();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    private CompletableFuture<Void> step(String device, String name, CompletableFuture<Void> done) {
        return chains.append(device, () -> {
            ran.add(name);
            return done;
        });
    }

    @Test
    void aDeviceWhoseStepHangsHoldsUpOnlyItsOwnLaterSteps_whichThenRunInOrder() {
        CompletableFuture<Void> stuck = new CompletableFuture<>();
        step("chg-a", "a1", stuck);
        step("chg-a", "a2", CompletableFuture.completedFuture(null));
        step("chg-b", "b1", CompletableFuture.completedFuture(null));
        step("chg-b", "b2", CompletableFuture.completedFuture(null));
        step("chg-a", "a3", CompletableFuture.completedFuture(null));

        assertThat(ran).containsExactly("a1", "b1", "b2");
        assertThat(chains.busy()).as("only chg-a has steps left; chg-b's queue is forgotten").isEqualTo(1);

        stuck.complete(null);
        assertThat(ran).containsExactly("a1", "b1", "b2", "a2", "a3");
        assertThat(chains.busy()).isZero();
    }

    @Test
    void aFailedStepDoesNotStopTheDevicesNextOne() {
        CompletableFuture<Void> first = step("chg-a", "a1", CompletableFuture.failedFuture(new IllegalStateException("boom")));
        CompletableFuture<Void> second = chains.append("chg-a", () -> {
            throw new IllegalStateException("thrown");
        });
        step("chg-a", "a3", CompletableFuture.completedFuture(null));

        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
        assertThat(ran).containsExactly("a1", "a3");
        assertThat(chains.busy()).isZero();
    }
}
