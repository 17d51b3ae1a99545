package io.anju.kafka.cluster;

import io.anju.kafka.QuorumMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterLayoutTest {
    @TempDir
    Path dir;

    @Test
    void aPlannedLayout_isKept_soThatANodeStartedLaterAndAClusterBroughtUpAgainFindTheSameAddresses() {
        ClusterLayout planned = ClusterLayout.ensure(dir, 3);

        assertThat(ClusterLayout.read(dir)).isEqualTo(planned);
        assertThat(ClusterLayout.ensure(dir, 3)).as("a second plan keeps the first").isEqualTo(planned);
        assertThat(planned.bootstrapServers().split(",")).hasSize(3).allMatch(s -> s.startsWith("127.0.0.1:"));
        assertThat(planned.nodes().stream().flatMap(n -> Stream.of(n.port(), n.controllerPort()))
                .distinct().count()).as("six distinct ports").isEqualTo(6);
    }

    @Test
    void everyMember_namesTheWholeQuorum_andTheOneClusterId() {
        ClusterLayout layout = ClusterLayout.ensure(dir, 3);

        QuorumMember second = layout.member(2);
        assertThat(second.nodeId()).isEqualTo(2);
        assertThat(second.controllerPort()).isEqualTo(layout.node(2).controllerPort());
        assertThat(second.voterCount()).isEqualTo(3);
        assertThat(second.clusterId()).isEqualTo(layout.clusterId()).isEqualTo(layout.member(1).clusterId());
        assertThat(second.voters()).isEqualTo(layout.member(3).voters())
                .isEqualTo("1@127.0.0.1:" + layout.node(1).controllerPort() + ",2@127.0.0.1:"
                        + layout.node(2).controllerPort() + ",3@127.0.0.1:" + layout.node(3).controllerPort());
        assertThat(layout.nodeDir(2)).isEqualTo(dir.toAbsolutePath().resolve("node-2"));
    }
}
