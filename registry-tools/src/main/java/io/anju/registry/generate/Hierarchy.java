package io.anju.registry.generate;

import io.anju.common.model.Community;
import io.anju.common.model.Grid;
import io.anju.common.model.LocationChain;
import io.anju.common.model.SubDistrict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** The governance levels above the places: sub-districts, communities and grids, with the lookups the builders need. */
record Hierarchy(List<SubDistrict> subDistricts, List<Community> communities, List<Grid> grids) {

    /** Builds 9 sub-districts, their communities (fixed counts) and 364 grids, every community with at least one. */
    static Hierarchy build(SplittableRandom random, ChineseNames names) {
        List<SubDistrict> subDistricts = new ArrayList<>();
        List<Community> communities = new ArrayList<>();
        for (int s = 0; s < LianhuShape.SUB_DISTRICTS.size(); s++) {
            LianhuShape.SubDistrictShape shape = LianhuShape.SUB_DISTRICTS.get(s);
            String sdId = Ids.subDistrict(s + 1);
            subDistricts.add(new SubDistrict(sdId, shape.name(), shape.nameEn()));
            for (int c = 0; c < shape.communities(); c++) {
                communities.add(new Community(Ids.community(communities.size() + 1), names.community(), sdId));
            }
        }
        int[] gridsPerCommunity = spreadGrids(random, communities.size());
        List<Grid> grids = new ArrayList<>();
        for (int c = 0; c < communities.size(); c++) {
            for (int g = 0; g < gridsPerCommunity[c]; g++) {
                grids.add(new Grid(Ids.grid(grids.size() + 1), communities.get(c).id(), names.person()));
            }
        }
        return new Hierarchy(List.copyOf(subDistricts), List.copyOf(communities), List.copyOf(grids));
    }

    private static int[] spreadGrids(SplittableRandom random, int communities) {
        int[] counts = new int[communities];
        Arrays.fill(counts, 1);
        int remaining = LianhuShape.GRIDS - communities;
        while (remaining > 0) {
            int c = random.nextInt(communities);
            if (counts[c] < LianhuShape.MAX_GRIDS_PER_COMMUNITY) {
                counts[c]++;
                remaining--;
            }
        }
        return counts;
    }

    Community communityOf(Grid grid) {
        return communities.stream().filter(c -> c.id().equals(grid.communityId())).findFirst().orElseThrow();
    }

    /** Index into {@link LianhuShape#SUB_DISTRICTS} of the grid's sub-district. */
    int subDistrictIndexOf(Grid grid) {
        String sdId = communityOf(grid).subDistrictId();
        for (int i = 0; i < subDistricts.size(); i++) {
            if (subDistricts.get(i).id().equals(sdId)) {
                return i;
            }
        }
        throw new IllegalStateException("grid " + grid.id() + " has no sub-district");
    }

    /** The full chain from a grid up, ending in the given place (a compound or a zone, the other null). */
    LocationChain chain(Grid grid, String compoundId, String zoneId) {
        Community community = communityOf(grid);
        return new LocationChain(community.subDistrictId(), community.id(), grid.id(), compoundId, zoneId);
    }

    List<Grid> gridsOfSubDistrict(int index) {
        String sdId = subDistricts.get(index).id();
        return grids.stream().filter(g -> communityOf(g).subDistrictId().equals(sdId)).toList();
    }
}
