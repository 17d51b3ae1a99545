package io.anju.common.text;

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

/** The places the alerts of {@link AlertTextTest} are about: two compounds and a crowd zone, with their names. */
final class AlertPlaces {
    static final String SUB_DISTRICT = "sd-beiyuanmen";
    static final String COMMUNITY = "cm-01";
    static final String GRID = "gd-01";
    static final String NEIGHBOUR_GRID = "gd-02";
    static final String COMPOUND = "cp-001";
    static final String NEIGHBOUR_COMPOUND = "cp-002";
    static final String ZONE = "zn-01";
    static final String CHARGER = "ch-001";
    static final String CAMERA = "cam-002";
    static final String GATE = "gt-001";
    static final String COUNTER = "cr-01";

    private AlertPlaces() {
    }

    static LocationChain at(String place) {
        return switch (place) {
            case COMPOUND -> new LocationChain(SUB_DISTRICT, COMMUNITY, GRID, COMPOUND, null);
            case NEIGHBOUR_COMPOUND -> new LocationChain(SUB_DISTRICT, COMMUNITY, NEIGHBOUR_GRID, NEIGHBOUR_COMPOUND, null);
            case ZONE -> new LocationChain(SUB_DISTRICT, COMMUNITY, GRID, null, ZONE);
            default -> throw new IllegalArgumentException(place);
        };
    }

    static Registry registry() {
        return new Registry(new RegistryDocument(RegistryDocument.CURRENT_VERSION, 1, "alert places",
                List.of(new SubDistrict(SUB_DISTRICT, "北院门", "Beiyuanmen")),
                List.of(new Community(COMMUNITY, "一号社区", SUB_DISTRICT)),
                List.of(new Grid(GRID, COMMUNITY, "li"), new Grid(NEIGHBOUR_GRID, COMMUNITY, "wang")),
                List.of(new Compound(COMPOUND, "一号小区", GRID, "addr 1", true, true, true),
                        new Compound(NEIGHBOUR_COMPOUND, "二号小区", NEIGHBOUR_GRID, "addr 2", true, true, true)),
                List.of(new CrowdZone(ZONE, "钟楼入口", GRID, 400, 800, true, true)),
                List.of(device(CHARGER, DeviceType.CHARGER, at(COMPOUND)), device(CAMERA, DeviceType.CAMERA,
                                at(NEIGHBOUR_COMPOUND)), device(GATE, DeviceType.GATE, at(COMPOUND)),
                        device(COUNTER, DeviceType.CROWD, at(ZONE)))));
    }

    private static Device device(String id, DeviceType type, LocationChain where) {
        return new Device(id, type, where, "hash", true, null, null, null);
    }
}
