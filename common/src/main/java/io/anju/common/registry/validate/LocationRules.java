package io.anju.common.registry.validate;

import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.Grid;
import io.anju.common.model.LocationChain;

import java.util.Optional;

/** A device's location chain must name existing places that really contain each other. */
final class LocationRules {
    private final Places places;
    private final Problems problems;

    LocationRules(Places places, Problems problems) {
        this.places = places;
        this.problems = problems;
    }

    void check(String path, Device device) {
        LocationChain at = device.location();
        if (at == null) {
            problems.add(path, "missing");
            return;
        }
        chain(path, at);
        place(path, device, at);
    }

    private void chain(String path, LocationChain at) {
        Optional<Grid> grid = places.grids().get(at.gridId());
        if (grid.isEmpty()) {
            problems.add(path + ".gridId", unknown("grid", at.gridId()));
            return;
        }
        if (!grid.get().communityId().equals(at.communityId())) {
            problems.add(path + ".communityId", "'" + at.communityId() + "' but grid '" + at.gridId()
                    + "' belongs to community '" + grid.get().communityId() + "'");
            return;
        }
        Optional<Community> community = places.communities().get(at.communityId());
        if (community.isPresent() && !community.get().subDistrictId().equals(at.subDistrictId())) {
            problems.add(path + ".subDistrictId", "'" + at.subDistrictId() + "' but community '" + at.communityId()
                    + "' belongs to sub-district '" + community.get().subDistrictId() + "'");
        }
    }

    private void place(String path, Device device, LocationChain at) {
        if (device.type() == null) {
            return;
        }
        if (DeviceRules.standsInZone(device.type())) {
            if (at.compoundId() != null) {
                problems.add(path + ".compoundId", "a " + device.type().wireName() + " stands in a zone, not a compound");
            }
            if (at.zoneId() == null) {
                problems.add(path + ".zoneId", "missing: a " + device.type().wireName() + " needs its zone");
                return;
            }
            Optional<CrowdZone> zone = places.zones().get(at.zoneId());
            if (zone.isEmpty()) {
                problems.add(path + ".zoneId", unknown("zone", at.zoneId()));
            } else if (knownGrid(at) && !zone.get().gridId().equals(at.gridId())) {
                problems.add(path + ".zoneId", inOtherGrid("zone", at.zoneId(), zone.get().gridId(), at.gridId()));
            }
            return;
        }
        if (at.zoneId() != null) {
            problems.add(path + ".zoneId", "a " + device.type().wireName() + " stands in a compound, not a zone");
        }
        if (at.compoundId() == null) {
            problems.add(path + ".compoundId", "missing: a " + device.type().wireName() + " needs its compound");
            return;
        }
        Optional<Compound> compound = places.compounds().get(at.compoundId());
        if (compound.isEmpty()) {
            problems.add(path + ".compoundId", unknown("compound", at.compoundId()));
        } else if (knownGrid(at) && !compound.get().gridId().equals(at.gridId())) {
            problems.add(path + ".compoundId", inOtherGrid("compound", at.compoundId(), compound.get().gridId(), at.gridId()));
        }
    }

    /** An unknown grid is reported once, not again as a place lying elsewhere. */
    private boolean knownGrid(LocationChain at) {
        return places.grids().contains(at.gridId());
    }

    private static String unknown(String kind, String id) {
        return id == null ? "missing" : "unknown " + kind + " '" + id + "'";
    }

    private static String inOtherGrid(String kind, String id, String actual, String claimed) {
        return kind + " '" + id + "' lies in grid '" + actual + "', not '" + claimed + "'";
    }
}
