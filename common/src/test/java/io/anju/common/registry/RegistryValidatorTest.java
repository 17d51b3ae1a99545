package io.anju.common.registry;

import io.anju.common.model.CameraSpec;
import io.anju.common.model.Community;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.GateSpec;
import io.anju.common.model.LocationChain;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.anju.common.registry.TestRegistries.IN_COMPOUND;
import static io.anju.common.registry.TestRegistries.IN_ZONE;
import static io.anju.common.registry.TestRegistries.at;
import static io.anju.common.registry.TestRegistries.small;
import static io.anju.common.registry.TestRegistries.withDevice;
import static io.anju.common.registry.TestRegistries.withDevices;
import static io.anju.common.registry.TestRegistries.withoutHash;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryValidatorTest {

    @Test
    void acceptsAConsistentRegistry() {
        assertThatCode(() -> RegistryValidator.validate(small(), "registry.json")).doesNotThrowAnyException();
    }

    @Test
    void namesFileAndFieldPathOfAnUnknownGrid() {
        RegistryDocument doc = withDevice(small(), 1,
                d -> at(d, new LocationChain("sd-01", "c-001", "g-999", "cp-0001", null)));
        assertThatThrownBy(() -> RegistryValidator.validate(doc, "registry.json"))
                .isInstanceOf(RegistryException.class)
                .hasMessage("registry.json: devices[1].location.gridId: unknown grid 'g-999'");
    }

    @Test
    void rejectsAnUnsupportedVersion() {
        RegistryDocument d = small();
        RegistryDocument v2 = new RegistryDocument(2, d.seed(), d.note(), d.subDistricts(), d.communities(),
                d.grids(), d.compounds(), d.zones(), d.devices());
        assertThatThrownBy(() -> RegistryValidator.validate(v2, "r.json"))
                .hasMessage("r.json: version: unsupported registry version 2 (this build reads version 1)");
    }

    @Test
    void rejectsACommunityOfAnUnknownSubDistrict() {
        RegistryDocument d = small();
        List<Community> communities = new ArrayList<>(d.communities());
        communities.set(1, new Community("c-002", "青年路社区", "sd-77"));
        RegistryDocument broken = new RegistryDocument(d.version(), d.seed(), d.note(), d.subDistricts(), communities,
                d.grids(), d.compounds(), d.zones(), d.devices());
        assertThatThrownBy(() -> RegistryValidator.validate(broken, "r.json"))
                .hasMessage("r.json: communities[1].subDistrictId: unknown sub-district 'sd-77'");
    }

    @Test
    void rejectsDuplicateDeviceIds() {
        List<Device> devices = new ArrayList<>(small().devices());
        devices.add(devices.get(0));
        assertThatThrownBy(() -> RegistryValidator.validate(withDevices(small(), devices), "r.json"))
                .hasMessage("r.json: devices[4].id: duplicate id 'chg-0001-1'");
    }

    @Test
    void rejectsALocationChainThatDisagreesWithThePlaces() {
        RegistryDocument wrongCommunity = withDevice(small(), 0,
                d -> at(d, new LocationChain("sd-01", "c-002", "g-001", "cp-0001", null)));
        assertThatThrownBy(() -> RegistryValidator.validate(wrongCommunity, "r.json"))
                .hasMessage("r.json: devices[0].location.communityId: 'c-002' but grid 'g-001' belongs to community 'c-001'");
        RegistryDocument wrongSubDistrict = withDevice(small(), 0,
                d -> at(d, new LocationChain("sd-02", "c-001", "g-001", "cp-0001", null)));
        assertThatThrownBy(() -> RegistryValidator.validate(wrongSubDistrict, "r.json"))
                .hasMessage("r.json: devices[0].location.subDistrictId: 'sd-02' but community 'c-001' belongs to sub-district 'sd-01'");
        RegistryDocument compoundElsewhere = withDevice(small(), 0,
                d -> at(d, new LocationChain("sd-01", "c-001", "g-002", "cp-0001", null)));
        assertThatThrownBy(() -> RegistryValidator.validate(compoundElsewhere, "r.json"))
                .hasMessage("r.json: devices[0].location.compoundId: compound 'cp-0001' lies in grid 'g-001', not 'g-002'");
    }

    @Test
    void requiresEachTypesAttributesAndNoOthers() {
        RegistryDocument chargerWithoutSpec = withDevice(small(), 0, d -> new Device(d.id(), DeviceType.CHARGER,
                IN_COMPOUND, d.secretHash(), true, null, null, null));
        assertThatThrownBy(() -> RegistryValidator.validate(chargerWithoutSpec, "r.json"))
                .hasMessage("r.json: devices[0].charger: missing: a charger needs its charger attributes");
        RegistryDocument cameraWithGate = withDevice(small(), 1, d -> new Device(d.id(), DeviceType.CAMERA,
                IN_COMPOUND, d.secretHash(), true, null, new CameraSpec("elevator", "1号楼"), new GateSpec("vehicle", "in")));
        assertThatThrownBy(() -> RegistryValidator.validate(cameraWithGate, "r.json"))
                .hasMessage("r.json: devices[1].gate: a camera has no gate attributes");
        RegistryDocument badWatch = withDevice(small(), 1, d -> new Device(d.id(), DeviceType.CAMERA,
                IN_COMPOUND, d.secretHash(), true, null, new CameraSpec("roof", "1号楼"), null));
        assertThatThrownBy(() -> RegistryValidator.validate(badWatch, "r.json"))
                .hasMessage("r.json: devices[1].camera.watches: 'roof' is not one of [corridor, elevator, fire_lane, shed]");
    }

    @Test
    void requiresCrowdCountersToStandInAKnownZone() {
        RegistryDocument noZone = withDevice(small(), 3,
                d -> at(d, new LocationChain("sd-01", "c-001", "g-002", null, null)));
        assertThatThrownBy(() -> RegistryValidator.validate(noZone, "r.json"))
                .hasMessage("r.json: devices[3].location.zoneId: missing: a crowd needs its zone");
        RegistryDocument unknownZone = withDevice(small(), 3,
                d -> at(d, new LocationChain("sd-01", "c-001", "g-002", null, "z-42")));
        assertThatThrownBy(() -> RegistryValidator.validate(unknownZone, "r.json"))
                .hasMessage("r.json: devices[3].location.zoneId: unknown zone 'z-42'");
        RegistryDocument chargerInZone = withDevice(small(), 0, d -> at(d, IN_ZONE));
        assertThatThrownBy(() -> RegistryValidator.validate(chargerInZone, "r.json"))
                .hasMessageContaining("r.json: devices[0].location.zoneId: a charger stands in a compound, not a zone");
    }

    @Test
    void rejectsDeviceIdsThatCannotBeMqttClientIds() {
        RegistryDocument slash = withDevice(small(), 0, d -> new Device("chg/1", d.type(), d.location(),
                d.secretHash(), true, d.charger(), null, null));
        assertThatThrownBy(() -> RegistryValidator.validate(slash, "r.json"))
                .hasMessageStartingWith("r.json: devices[0].id: 'chg/1' is not a valid device id");
        RegistryDocument tooLong = withDevice(small(), 0, d -> new Device("c".repeat(24), d.type(), d.location(),
                d.secretHash(), true, d.charger(), null, null));
        assertThatThrownBy(() -> RegistryValidator.validate(tooLong, "r.json"))
                .hasMessageStartingWith("r.json: devices[0].id:");
    }

    @Test
    void rejectsAPlainOrMissingSecret() {
        RegistryDocument noHash = withDevice(small(), 2, d -> withoutHash(d));
        assertThatThrownBy(() -> RegistryValidator.validate(noHash, "r.json"))
                .hasMessage("r.json: devices[2].secretHash: missing or not a salted hash (sha256$salt$hash)");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        RegistryDocument twoBroken = withDevice(withDevice(small(), 0,
                d -> at(d, new LocationChain("sd-01", "c-001", "g-998", "cp-0001", null))), 1,
                d -> at(d, new LocationChain("sd-01", "c-001", "g-999", "cp-0001", null)));
        assertThatThrownBy(() -> RegistryValidator.validate(twoBroken, "r.json"))
                .isInstanceOfSatisfying(RegistryException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.problems()).containsExactly(
                                "r.json: devices[0].location.gridId: unknown grid 'g-998'",
                                "r.json: devices[1].location.gridId: unknown grid 'g-999'"));
    }

    @Test
    void rejectsAMissingList() {
        RegistryDocument d = small();
        RegistryDocument noGrids = new RegistryDocument(d.version(), d.seed(), d.note(), d.subDistricts(),
                d.communities(), null, d.compounds(), d.zones(), d.devices());
        assertThatThrownBy(() -> RegistryValidator.validate(noGrids, "r.json"))
                .hasMessageStartingWith("r.json: grids: missing");
    }
}
