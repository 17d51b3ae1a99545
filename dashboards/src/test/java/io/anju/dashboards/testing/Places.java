package io.anju.dashboards.testing;

import io.anju.common.registry.Registry;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;

/** The generated Lianhu registry the tests share: 9 sub-districts, 364 grids, 424 charger compounds, 14 zones. */
public final class Places {
    private static Registry registry;

    private Places() {
    }

    public static synchronized Registry registry() {
        if (registry == null) {
            registry = new Registry(RegistryGenerator.generate(new GeneratorOptions(2020, true, 0)).document());
        }
        return registry;
    }
}
