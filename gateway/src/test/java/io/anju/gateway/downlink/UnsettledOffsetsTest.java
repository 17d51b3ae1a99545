package io.anju.gateway.downlink;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnsettledOffsetsTest {
    private static final TopicPartition P0 = new TopicPartition("anju.commands", 0);
    private static final TopicPartition P1 = new TopicPartition("anju.commands", 1);

    @Test
    void commitsStopAtTheFirstUnsettledOffsetOfEachPartition() {
        UnsettledOffsets offsets = new UnsettledOffsets();
        for (long o = 10; o < 14; o++) {
            offsets.read(P0, o);
        }
        offsets.read(P1, 7);
        offsets.settle(P0, 10);
        offsets.settle(P0, 12);
        offsets.settle(P0, 13);
        offsets.settle(P1, 7);

        assertThat(offsets.committable()).isEqualTo(Map.of(P0, 11L, P1, 8L));
        assertThat(offsets.size()).isEqualTo(1);

        offsets.settle(P0, 11);
        assertThat(offsets.committable()).isEqualTo(Map.of(P0, 14L, P1, 8L));
        assertThat(offsets.size()).isZero();
    }

    @Test
    void anOffsetReadAgainAfterARebalanceIsNotTakenTwice() {
        UnsettledOffsets offsets = new UnsettledOffsets();
        assertThat(offsets.read(P0, 5)).isTrue();
        assertThat(offsets.read(P0, 6)).isTrue();
        offsets.settle(P0, 6);

        assertThat(offsets.read(P0, 5)).as("still in flight").isFalse();
        assertThat(offsets.read(P0, 6)).as("settled, maybe not committed yet").isFalse();
        assertThat(offsets.read(P0, 7)).isTrue();
        assertThat(offsets.size()).isEqualTo(2);
        assertThat(offsets.committable()).isEqualTo(Map.of(P0, 5L));
    }
}
