package io.anju.gateway.kafka;

import io.anju.gateway.ingest.Ingest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightBudgetTest {
    private final List<String> calls = new ArrayList<>();
    private final InFlightBudget budget = new InFlightBudget(750, 500);

    InFlightBudgetTest() {
        budget.setListener(new Ingest.BackpressureListener() {
            @Override
            public void paused() {
                calls.add("paused");
            }

            @Override
            public void resumed() {
                calls.add("resumed");
            }
        });
    }

    @Test
    void pausesAboveHighWaterAndResumesOnlyBelowLowWater() {
        budget.reserve(700);
        assertThat(calls).isEmpty();
        budget.reserve(100);
        assertThat(calls).containsExactly("paused");
        budget.reserve(100);
        assertThat(calls).as("no second pause while paused").containsExactly("paused");
        budget.release(300);
        assertThat(budget.bytes()).isEqualTo(600);
        assertThat(calls).as("between the marks: still paused").containsExactly("paused");
        budget.release(200);
        assertThat(calls).containsExactly("paused", "resumed");
        assertThat(budget.records()).isEqualTo(1);
        assertThat(budget.isPaused()).isFalse();
    }
}
