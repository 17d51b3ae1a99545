package io.anju.sim;

import io.anju.common.testing.PackageCycles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The simulator's packages form no cycle: a subpackage depends on nothing that depends on it. */
class PackageCyclesTest {

    @Test
    void deviceSim_hasNoPackageCycle() {
        PackageCycles.assertNone(Path.of("target/classes"));
    }
}
