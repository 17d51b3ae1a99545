package io.anju.common.topic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicationTest {
    @Test
    void auto_isOneCopyOnOneBroker_andThreeWithTwoInSyncOnAClusterOfThreeOrMore() {
        assertThat(Replication.factor(Replication.AUTO, 1)).isEqualTo((short) 1);
        assertThat(Replication.factor(Replication.AUTO, 2)).isEqualTo((short) 2);
        assertThat(Replication.factor(Replication.AUTO, 3)).isEqualTo((short) 3);
        assertThat(Replication.factor(Replication.AUTO, 5)).isEqualTo((short) 3);
        assertThat(Replication.topicConfigs((short) 1)).isEmpty();
        assertThat(Replication.topicConfigs((short) 2)).isEmpty();
        assertThat(Replication.topicConfigs((short) 3)).isEqualTo(Map.of("min.insync.replicas", "2"));
    }

    @Test
    void anExplicitFactorIsKept_withTwoInSyncFromThreeUp() {
        assertThat(Replication.factor((short) 1, 3)).isEqualTo((short) 1);
        assertThat(Replication.factor((short) 3, 1)).isEqualTo((short) 3);
        assertThat(Replication.topicConfigs((short) 5)).isEqualTo(Map.of("min.insync.replicas", "2"));
    }
}
