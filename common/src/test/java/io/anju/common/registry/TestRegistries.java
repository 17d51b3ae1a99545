package io.anju.common.registry;

import io.anju.common.auth.SecretHash;
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

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A small hand-made registry that is valid, and ways to break it one field at a time. */
public final class TestRegistries {
    public static final LocationChain IN_COMPOUND = new LocationChain("sd-01", "c-001", "g-001", "cp-0001", null);
    public static final LocationChain IN_ZONE = new LocationChain("sd-01", "c-001", "g-002", null, "z-01");

    private TestRegistries() {
    }

    /** devices: [0] charger, [1] camera, [2] gate, [3] crowd counter. */
    public static RegistryDocument small() {
        String hash = SecretHash.hash("0123456789abcdef0123456789abcdef");
        return new RegistryDocument(RegistryDocument.CURRENT_VERSION, 1, "test",
                List.of(new SubDistrict("sd-01", "北院门", "Beiyuanmen"), new SubDistrict("sd-02", "青年路", "Qingnianlu")),
                List.of(new Community("c-001", "庙后街社区", "sd-01"), new Community("c-002", "青年路社区", "sd-02")),
                List.of(new Grid("g-001", "c-001", "王芳"), new Grid("g-002", "c-001", "李强"), new Grid("g-003", "c-002", "张伟")),
                List.of(new Compound("cp-0001", "锦园小区", "g-001", "西安市莲湖区庙后街1号", true, true, true)),
                List.of(new CrowdZone("z-01", "鼓楼广场", "g-002", 1200, 2400, true, true)),
                List.of(
                        new Device("chg-0001-1", DeviceType.CHARGER, IN_COMPOUND, hash, true,
                                new ChargerSpec(12, 1000, 7800, 8700), null, null),
                        new Device("cam-0001-1", DeviceType.CAMERA, IN_COMPOUND, hash, true,
                                null, new CameraSpec("elevator", "3号楼"), null),
                        new Device("gate-0001-1", DeviceType.GATE, IN_COMPOUND, hash, true,
                                null, null, new GateSpec("pedestrian", "both")),
                        new Device("crowd-01", DeviceType.CROWD, IN_ZONE, hash, true, null, null, null)));
    }

    public static RegistryDocument withDevice(RegistryDocument doc, int index, UnaryOperator<Device> change) {
        List<Device> devices = new ArrayList<>(doc.devices());
        devices.set(index, change.apply(devices.get(index)));
        return withDevices(doc, devices);
    }

    public static RegistryDocument withDevices(RegistryDocument doc, List<Device> devices) {
        return new RegistryDocument(doc.version(), doc.seed(), doc.note(), doc.subDistricts(), doc.communities(),
                doc.grids(), doc.compounds(), doc.zones(), devices);
    }

    public static Device at(Device d, LocationChain location) {
        return new Device(d.id(), d.type(), location, d.secretHash(), d.enabled(), d.charger(), d.camera(), d.gate());
    }

    public static Device withoutHash(Device d) {
        return new Device(d.id(), d.type(), d.location(), null, d.enabled(), d.charger(), d.camera(), d.gate());
    }
}
