package io.anju.registry.generate;

import io.anju.common.model.CrowdZone;
import io.anju.common.model.Grid;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Beiyuanmen historic street (北院门风情街) as crowd zones. The zone names are real parts of the street;
 * areas are estimates drawn from a range per kind of place, and the capacity follows from the area:
 * {@code capacity = round(area m² × 2.0 p/m²)}, 2.0 being the Fruin density at which walking slows.
 */
final class CrowdZones {
    /** Persons per m² used to derive a zone's published capacity from its area. */
    static final double CAPACITY_DENSITY = 2.0;

    private enum Kind {
        SQUARE(1500, 2500), STREET(800, 1800), LANE(300, 800);

        final int minM2;
        final int maxM2;

        Kind(int minM2, int maxM2) {
            this.minM2 = minM2;
            this.maxM2 = maxM2;
        }
    }

    private record Site(String name, Kind kind, boolean entrance) {
    }

    private static final List<Site> SITES = List.of(
            new Site("鼓楼广场", Kind.SQUARE, true),
            new Site("北院门牌楼", Kind.STREET, true),
            new Site("北院门街南段", Kind.STREET, false),
            new Site("北院门街中段", Kind.STREET, false),
            new Site("北院门街北段", Kind.STREET, false),
            new Site("西羊市东口", Kind.LANE, true),
            new Site("西羊市", Kind.STREET, false),
            new Site("大皮院", Kind.STREET, false),
            new Site("化觉巷", Kind.LANE, false),
            new Site("化觉巷清真大寺前", Kind.LANE, false),
            new Site("大学习巷", Kind.LANE, false),
            new Site("庙后街", Kind.STREET, false),
            new Site("洒金桥北口", Kind.LANE, true),
            new Site("高家大院门前", Kind.LANE, false));

    private CrowdZones() {
    }

    static int count() {
        return SITES.size();
    }

    static List<CrowdZone> build(SplittableRandom random, Hierarchy hierarchy) {
        List<Grid> grids = hierarchy.gridsOfSubDistrict(LianhuShape.BEIYUANMEN);
        List<CrowdZone> zones = new ArrayList<>();
        for (int i = 0; i < SITES.size(); i++) {
            Site site = SITES.get(i);
            double area = 10 * Math.round((site.kind.minM2 + random.nextInt(site.kind.maxM2 - site.kind.minM2 + 1)) / 10.0);
            Grid grid = grids.get(random.nextInt(grids.size()));
            zones.add(new CrowdZone(Ids.zone(i + 1), site.name, grid.id(), area, capacity(area), site.entrance, true));
        }
        return List.copyOf(zones);
    }

    static int capacity(double areaM2) {
        return (int) Math.round(areaM2 * CAPACITY_DENSITY);
    }
}
