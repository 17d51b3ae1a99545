package io.anju.dashboards;

import io.anju.common.testing.PackageCycles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The dashboards' packages form no cycle: a subpackage depends on nothing that depends on it. */
class PackageCyclesTest {

    @Test
    void dashboards_hasNoPackageCycle() {
        PackageCycles.assertNone(Path.of("target/classes"));
    }
}
