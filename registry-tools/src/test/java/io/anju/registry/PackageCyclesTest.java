package io.anju.registry;

import io.anju.common.testing.PackageCycles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The registry tools' packages form no cycle: the command line uses the generator, never the other way. */
class PackageCyclesTest {

    @Test
    void registryTools_haveNoPackageCycle() {
        PackageCycles.assertNone(Path.of("target/classes"));
    }
}
