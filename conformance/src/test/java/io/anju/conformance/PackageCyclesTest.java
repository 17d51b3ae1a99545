package io.anju.conformance;

import io.anju.common.testing.PackageCycles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The kit's packages form no cycle: a subpackage depends on nothing that depends on it. */
class PackageCyclesTest {

    @Test
    void conformance_hasNoPackageCycle() {
        PackageCycles.assertNone(Path.of("target/classes"));
    }
}
