package io.anju.registry.generate;

import io.anju.common.model.Compound;
import io.anju.common.model.Grid;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Places the residential compounds: 424 with smart chargers (a few of them also smart-security), then the
 * remaining smart-security compounds without chargers, each in a random grid with a generated address.
 */
final class Compounds {
    private Compounds() {
    }

    static List<Compound> build(SplittableRandom random, Hierarchy hierarchy, ChineseNames names) {
        Set<Integer> alsoSecurity = pickDistinct(random, LianhuShape.CHARGER_COMPOUNDS, LianhuShape.SECURITY_WITH_CHARGERS);
        int securityOnly = LianhuShape.SECURITY_COMPOUNDS - LianhuShape.SECURITY_WITH_CHARGERS;
        List<Compound> compounds = new ArrayList<>();
        for (int i = 0; i < LianhuShape.CHARGER_COMPOUNDS + securityOnly; i++) {
            boolean chargers = i < LianhuShape.CHARGER_COMPOUNDS;
            boolean security = !chargers || alsoSecurity.contains(i);
            Grid grid = hierarchy.grids().get(random.nextInt(hierarchy.grids().size()));
            compounds.add(new Compound(Ids.compound(i + 1), names.compound(), grid.id(),
                    address(random, hierarchy, grid, names), chargers, security, true));
        }
        return List.copyOf(compounds);
    }

    private static String address(SplittableRandom random, Hierarchy hierarchy, Grid grid, ChineseNames names) {
        List<String> roads = LianhuShape.SUB_DISTRICTS.get(hierarchy.subDistrictIndexOf(grid)).roads();
        return String.format(Locale.ROOT, "西安市莲湖区%s%d号", names.pick(roads), 1 + random.nextInt(299));
    }

    private static Set<Integer> pickDistinct(SplittableRandom random, int bound, int count) {
        Set<Integer> picked = new HashSet<>();
        while (picked.size() < count) {
            picked.add(random.nextInt(bound));
        }
        return picked;
    }
}
