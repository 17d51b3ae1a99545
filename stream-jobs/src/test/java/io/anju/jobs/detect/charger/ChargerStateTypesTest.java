package io.anju.jobs.detect.charger;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-port runs are kept in keyed state: Flink must serialize them as POJOs (evolvable), not with Kryo. */
class ChargerStateTypesTest {

    @Test
    void runsAreFlinkPojos() {
        assertThat(TypeInformation.of(PortOverloadRun.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(IllegalLoadRun.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
