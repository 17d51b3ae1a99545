package io.anju.sim.testing;

import io.anju.common.model.DistrictTime;
import io.anju.common.model.CameraSpec;
import io.anju.common.model.ChargerSpec;
import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.GateSpec;
import io.anju.common.model.Grid;
import io.anju.common.model.LocationChain;
import io.anju.common.model.SubDistrict;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;
import io.anju.sim.clock.SimClock;

import java.time.LocalDateTime;
import java.util.List;

/** A registry of a handful of devices, built from the records directly, and named simulated times. */
public final class TinyRegistry {
    public static final String CHARGER = "chg-0001-1";
    public static final String CHARGER_2 = "chg-0001-2";
    public static final String GATE = "gate-0007-2";
    public static final String CAMERA = "cam-0007-3";
    public static final String CROWD = "crowd-01";
    public static final String ZONE = "bym-z01";
    public static final int ZONE_CAPACITY = 800;

    /** 2026-11-28 18:00 in Xi'an. */
    public static final long EVENING = at(2026, 11, 28, 18, 0);
    /** 2026-11-28 02:00 in Xi'an. */
    public static final long SMALL_HOURS = at(2026, 11, 28, 2, 0);
    public static final long MINUTE = 60_000;

    private TinyRegistry() {
    }

    public static long at(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi).atZone(DistrictTime.ZONE).toInstant().toEpochMilli();
    }

    public static Device charger(String id) {
        return new Device(id, DeviceType.CHARGER, new LocationChain("sd-01", "cm-001", "gd-001", "cp-0001", null),
                "hash", true, new ChargerSpec(12, 1000, 7800, 8700), null, null);
    }

    public static Device gate() {
        return new Device(GATE, DeviceType.GATE, new LocationChain("sd-01", "cm-001", "gd-001", "cp-0007", null),
                "hash", true, null, null, new GateSpec("pedestrian", "both"));
    }

    public static Device camera() {
        return new Device(CAMERA, DeviceType.CAMERA, new LocationChain("sd-01", "cm-001", "gd-001", "cp-0007", null),
                "hash", true, null, new CameraSpec("elevator", "3"), null);
    }

    public static Device crowd() {
        return new Device(CROWD, DeviceType.CROWD, new LocationChain("sd-01", "cm-002", "gd-002", null, ZONE),
                "hash", true, null, null, null);
    }

    public static CrowdZone zone() {
        return new CrowdZone(ZONE, "Beiyuanmen north gate", "gd-002", 400.0, ZONE_CAPACITY, true, true);
    }

    public static Registry registry() {
        RegistryDocument doc = new RegistryDocument(RegistryDocument.CURRENT_VERSION, 7, "test",
                List.of(new SubDistrict("sd-01", "北院门", "Beiyuanmen")),
                List.of(new Community("cm-001", "Community 1", "sd-01"), new Community("cm-002", "Community 2", "sd-01")),
                List.of(new Grid("gd-001", "cm-001", "Worker A"), new Grid("gd-002", "cm-002", "Worker B")),
                List.of(new Compound("cp-0001", "Compound 1", "gd-001", "1 Test Road", true, false, true),
                        new Compound("cp-0007", "Compound 7", "gd-001", "7 Test Road", false, true, true)),
                List.of(zone()),
                List.of(charger(CHARGER), charger(CHARGER_2), gate(), camera(), crowd()));
        return new Registry(doc);
    }
}
