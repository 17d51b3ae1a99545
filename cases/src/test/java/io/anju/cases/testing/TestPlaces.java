package io.anju.cases.testing;

import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Grid;
import io.anju.common.model.LocationChain;
import io.anju.common.model.SubDistrict;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;

import java.util.List;

/**
 * A small registry to route against, small enough to know every answer: two sub-districts, three grids, compounds
 * and a crowd zone, devices at each, and a few places whose chain is broken on purpose (for the fallbacks).
 */
public final class TestPlaces {
    public static final String SUB_DISTRICT = "sd-beiyuanmen";
    public static final String OTHER_SUB_DISTRICT = "sd-tumen";
    public static final String COMMUNITY = "cm-01";
    public static final String OTHER_COMMUNITY = "cm-02";
    public static final String GRID = "gd-01";
    public static final String NEIGHBOUR_GRID = "gd-02";
    public static final String OTHER_GRID = "gd-03";
    public static final String COMPOUND = "cp-001";
    public static final String NEIGHBOUR_COMPOUND = "cp-002";
    public static final String OTHER_COMPOUND = "cp-003";
    /** A compound whose grid is not in the registry. */
    public static final String LOST_COMPOUND = "cp-404";
    public static final String ZONE = "zn-01";
    public static final String CHARGER = "ch-001";
    public static final String OTHER_CHARGER = "ch-003";
    public static final String CAMERA = "cam-002";
    public static final String GATE = "gt-001";
    public static final String COUNTER = "cr-01";
    /** A device the registry knows only down to its community. */
    public static final String COMMUNITY_ONLY_DEVICE = "ch-900";

    private TestPlaces() {
    }

    public static LocationChain at(String compound) {
        return switch (compound) {
            case COMPOUND -> new LocationChain(SUB_DISTRICT, COMMUNITY, GRID, COMPOUND, null);
            case NEIGHBOUR_COMPOUND -> new LocationChain(SUB_DISTRICT, COMMUNITY, NEIGHBOUR_GRID, NEIGHBOUR_COMPOUND, null);
            case OTHER_COMPOUND -> new LocationChain(OTHER_SUB_DISTRICT, OTHER_COMMUNITY, OTHER_GRID, OTHER_COMPOUND, null);
            case ZONE -> new LocationChain(OTHER_SUB_DISTRICT, OTHER_COMMUNITY, OTHER_GRID, null, ZONE);
            default -> throw new IllegalArgumentException(compound);
        };
    }

    public static Registry registry() {
        return new Registry(new RegistryDocument(RegistryDocument.CURRENT_VERSION, 1, "test places",
                List.of(new SubDistrict(SUB_DISTRICT, "北院门", "Beiyuanmen"), new SubDistrict(OTHER_SUB_DISTRICT, "土门", "Tumen")),
                List.of(new Community(COMMUNITY, "一号社区", SUB_DISTRICT), new Community(OTHER_COMMUNITY, "二号社区", OTHER_SUB_DISTRICT)),
                List.of(new Grid(GRID, COMMUNITY, "li"), new Grid(NEIGHBOUR_GRID, COMMUNITY, "wang"),
                        new Grid(OTHER_GRID, OTHER_COMMUNITY, "zhao")),
                List.of(new Compound(COMPOUND, "一号小区", GRID, "addr 1", true, true, true),
                        new Compound(NEIGHBOUR_COMPOUND, "二号小区", NEIGHBOUR_GRID, "addr 2", true, true, true),
                        new Compound(OTHER_COMPOUND, "三号小区", OTHER_GRID, "addr 3", true, false, true),
                        new Compound(LOST_COMPOUND, "失联小区", "gd-missing", "addr 4", true, false, true)),
                List.of(new CrowdZone(ZONE, "钟楼入口", OTHER_GRID, 400, 800, true, true)),
                List.of(device(CHARGER, DeviceType.CHARGER, at(COMPOUND)),
                        device(OTHER_CHARGER, DeviceType.CHARGER, at(OTHER_COMPOUND)),
                        device(CAMERA, DeviceType.CAMERA, at(NEIGHBOUR_COMPOUND)),
                        device(GATE, DeviceType.GATE, at(COMPOUND)),
                        device(COUNTER, DeviceType.CROWD, at(ZONE)),
                        device(COMMUNITY_ONLY_DEVICE, DeviceType.CHARGER,
                                new LocationChain(SUB_DISTRICT, COMMUNITY, null, null, null)))));
    }

    private static Device device(String id, DeviceType type, LocationChain where) {
        return new Device(id, type, where, "hash", true, null, null, null);
    }
}
