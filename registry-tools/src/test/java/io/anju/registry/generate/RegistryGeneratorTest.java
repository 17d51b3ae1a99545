package io.anju.registry.generate;

import io.anju.common.auth.Credentials;
import io.anju.common.auth.SecretHash;
import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Grid;
import io.anju.common.model.SubDistrict;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.RegistryLoader;
import io.anju.common.registry.RegistryValidator;
import io.anju.common.registry.RegistryWriter;
import io.anju.common.registry.TestRegistries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RegistryGeneratorTest {
    private static final GeneratedRegistry GENERATED = RegistryGenerator.generate(new GeneratorOptions(42, true));
    private static final RegistryDocument DOC = GENERATED.document();
    private static final Registry REGISTRY = new Registry(DOC);

    @Test
    void reproducesLianhuShape() {
        assertThat(DOC.subDistricts()).extracting(SubDistrict::name).containsExactly(
                "北院门", "青年路", "北关", "西关", "环城西路", "红庙坡", "土门", "桃园路", "枣园");
        assertThat(DOC.subDistricts()).extracting(SubDistrict::nameEn).containsExactly(
                "Beiyuanmen", "Qingnianlu", "Beiguan", "Xiguan", "Huanchengxilu", "Hongmiaopo", "Tumen", "Taoyuanlu", "Zaoyuan");
        assertThat(DOC.communities()).hasSize(131);
        assertThat(DOC.grids()).hasSize(364);
        assertThat(DOC.compounds().stream().filter(Compound::chargers)).hasSize(424);
        assertThat(DOC.compounds().stream().filter(Compound::security)).hasSize(25);
        assertThat(DOC.zones()).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void everySubDistrictHasCommunitiesAndEveryCommunityAGridWithAWorker() {
        Map<String, Long> communitiesPerSd = DOC.communities().stream()
                .collect(Collectors.groupingBy(Community::subDistrictId, Collectors.counting()));
        assertThat(communitiesPerSd).hasSize(9);
        assertThat(DOC.communities()).allSatisfy(c ->
                assertThat(DOC.grids()).anyMatch(g -> g.communityId().equals(c.id())));
        assertThat(DOC.grids()).allSatisfy(g -> assertThat(g.worker()).isNotBlank());
        assertThat(DOC.communities()).extracting(Community::name).doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n).endsWith("社区"));
    }

    @Test
    void chargerCompoundsHaveOneToFourStationsOfTenOrTwelvePortsWithDefaultLimits() {
        Map<String, List<Device>> byCompound = REGISTRY.devicesOfType(DeviceType.CHARGER).stream()
                .collect(Collectors.groupingBy(d -> d.location().compoundId()));
        List<Compound> chargerCompounds = DOC.compounds().stream().filter(Compound::chargers).toList();
        assertThat(byCompound.keySet()).containsExactlyInAnyOrderElementsOf(
                chargerCompounds.stream().map(Compound::id).toList());
        assertThat(byCompound.values()).allSatisfy(stations -> assertThat(stations).hasSizeBetween(1, 4));
        assertThat(byCompound.values().stream().map(List::size).distinct()).contains(1, 2, 3, 4);
        assertThat(REGISTRY.devicesOfType(DeviceType.CHARGER)).allSatisfy(d -> {
            assertThat(d.charger().ports()).isIn(10, 12);
            assertThat(d.charger().portLimitW()).isEqualTo(1000);
            assertThat(d.charger().stationRefuseW()).isEqualTo(7800);
            assertThat(d.charger().stationLimitW()).isEqualTo(8700);
        });
    }

    @Test
    void securityCompoundsHaveBothKindsOfGateAndCamerasAndOthersHaveNone() {
        Map<String, List<Device>> gates = REGISTRY.devicesOfType(DeviceType.GATE).stream()
                .collect(Collectors.groupingBy(d -> d.location().compoundId()));
        Map<String, List<Device>> cameras = REGISTRY.devicesOfType(DeviceType.CAMERA).stream()
                .collect(Collectors.groupingBy(d -> d.location().compoundId()));
        List<String> security = DOC.compounds().stream().filter(Compound::security).map(Compound::id).toList();
        assertThat(gates.keySet()).containsExactlyInAnyOrderElementsOf(security);
        assertThat(cameras.keySet()).containsExactlyInAnyOrderElementsOf(security);
        assertThat(gates.values()).allSatisfy(g -> assertThat(g).extracting(d -> d.gate().kind())
                .contains("pedestrian", "vehicle"));
        assertThat(REGISTRY.devicesOfType(DeviceType.GATE)).allSatisfy(d ->
                assertThat(d.gate().direction()).isIn("in", "out", "both"));
        assertThat(REGISTRY.devicesOfType(DeviceType.CAMERA)).allSatisfy(d -> {
            assertThat(d.camera().watches()).isIn("elevator", "corridor", "shed", "fire_lane");
            assertThat(d.camera().building()).isNotBlank();
        });
    }

    @Test
    void crowdZonesLieInBeiyuanmenWithCapacityFromAreaAndOneCounterEach() {
        Map<String, Grid> grids = DOC.grids().stream().collect(Collectors.toMap(Grid::id, Function.identity()));
        Map<String, Community> communities = DOC.communities().stream()
                .collect(Collectors.toMap(Community::id, Function.identity()));
        assertThat(DOC.zones()).allSatisfy(z -> {
            assertThat(communities.get(grids.get(z.gridId()).communityId()).subDistrictId()).isEqualTo("sd-01");
            assertThat(z.areaM2()).isBetween(300.0, 2500.0);
            assertThat(z.capacity()).isEqualTo((int) Math.round(z.areaM2() * 2.0));
            assertThat(z.estimated()).isTrue();
        });
        assertThat(DOC.zones()).anyMatch(CrowdZone::entrance).anyMatch(z -> !z.entrance());
        List<Device> counters = REGISTRY.devicesOfType(DeviceType.CROWD);
        assertThat(counters).extracting(d -> d.location().zoneId())
                .containsExactlyInAnyOrderElementsOf(DOC.zones().stream().map(CrowdZone::id).toList());
        assertThat(counters).allSatisfy(d -> assertThat(d.location().compoundId()).isNull());
    }

    @Test
    void idsFollowTheDocumentedFormatsAndDeviceIdsAreMqttClientIds() {
        assertThat(DOC.subDistricts()).extracting(SubDistrict::id).allMatch(id -> id.matches("sd-\\d{2}"));
        assertThat(DOC.communities()).extracting(Community::id).allMatch(id -> id.matches("c-\\d{3}"));
        assertThat(DOC.grids()).extracting(Grid::id).allMatch(id -> id.matches("g-\\d{3}"));
        assertThat(DOC.compounds()).extracting(Compound::id).allMatch(id -> id.matches("cp-\\d{4}"));
        assertThat(DOC.zones()).extracting(CrowdZone::id).allMatch(id -> id.matches("z-\\d{2}"));
        assertThat(DOC.devices()).extracting(Device::id).doesNotHaveDuplicates()
                .allMatch(id -> id.length() <= 23 && id.matches("[a-z0-9-]+"))
                .contains("chg-0001-1", "crowd-01");
        assertThat(REGISTRY.devicesOfType(DeviceType.GATE)).allMatch(d -> d.id().matches("gate-\\d{4}-\\d"));
        assertThat(REGISTRY.devicesOfType(DeviceType.CAMERA)).allMatch(d -> d.id().matches("cam-\\d{4}-\\d"));
    }

    @Test
    void marksGeneratedPlacesAsEstimates() {
        assertThat(DOC.compounds()).allSatisfy(c -> {
            assertThat(c.estimated()).isTrue();
            assertThat(c.address()).startsWith("西安市莲湖区").endsWith("号");
        });
        assertThat(DOC.note()).contains("estimates").contains("seed 42");
        assertThat(DOC.seed()).isEqualTo(42);
        assertThat(DOC.version()).isEqualTo(RegistryDocument.CURRENT_VERSION);
    }

    @Test
    void generatedRegistryPassesValidation() {
        assertThatCode(() -> RegistryValidator.validate(DOC, "generated")).doesNotThrowAnyException();
    }

    @Test
    void sameSeedGivesSameStructureButFreshSecrets() {
        RegistryDocument a = RegistryGenerator.generate(GeneratorOptions.of(7)).document();
        RegistryDocument b = RegistryGenerator.generate(GeneratorOptions.of(7)).document();
        assertThat(structure(a)).isEqualTo(structure(b));
        assertThat(a.devices().get(0).secretHash()).isNotEqualTo(b.devices().get(0).secretHash());
    }

    @Test
    void anotherSeedGivesAnotherStructure() {
        RegistryDocument a = RegistryGenerator.generate(GeneratorOptions.of(7)).document();
        RegistryDocument b = RegistryGenerator.generate(GeneratorOptions.of(8)).document();
        assertThat(b.communities()).isNotEqualTo(a.communities());
        assertThat(b.compounds()).isNotEqualTo(a.compounds());
        assertThat(b.grids()).hasSameSizeAs(a.grids());
    }

    @Test
    void seededSecretsAreReproducibleAndMatchTheirHashes() {
        GeneratedRegistry again = RegistryGenerator.generate(new GeneratorOptions(42, true));
        assertThat(again.credentials()).isEqualTo(GENERATED.credentials());
        assertThat(RegistryWriter.toJson(again.document())).isEqualTo(RegistryWriter.toJson(DOC));
        assertThat(GENERATED.credentials()).hasSameSizeAs(DOC.devices());
        for (Credentials.Entry entry : GENERATED.credentials()) {
            assertThat(entry.secret()).matches("[0-9a-f]{32}");
            Device device = REGISTRY.device(entry.deviceId()).orElseThrow();
            assertThat(entry.type()).isEqualTo(device.type().wireName());
            assertThat(SecretHash.matches(entry.secret(), device.secretHash())).isTrue();
        }
    }

    @Test
    void theWholeDistrictLoadsFromTheFileTheWriterWrote(@TempDir Path dir) {
        Path file = dir.resolve("registry.json");
        RegistryWriter.write(file, DOC);

        Registry loaded = RegistryLoader.load(file);

        assertThat(loaded.document()).isEqualTo(DOC);
        assertThat(loaded.device("chg-0001-1")).isPresent();
    }

    @Test
    void secretsNeverAppearInTheRegistryJson() {
        String json = RegistryWriter.toJson(DOC);
        assertThat(GENERATED.credentials()).allSatisfy(e -> assertThat(json).doesNotContain(e.secret()));
    }

    private static RegistryDocument structure(RegistryDocument doc) {
        return TestRegistries.withDevices(doc, doc.devices().stream().map(TestRegistries::withoutHash).toList());
    }

    @Test
    void loadDevicesAreExtraValidChargersWithCredentials() {
        GeneratedRegistry withLoad = RegistryGenerator.generate(new GeneratorOptions(42, true, 250));
        List<Device> load = withLoad.document().devices().stream().filter(d -> d.id().startsWith("load-")).toList();
        assertThat(load).hasSize(250);
        assertThat(load.get(0).id()).isEqualTo("load-00001");
        assertThat(load).allSatisfy(d -> assertThat(d.type()).isEqualTo(DeviceType.CHARGER));
        assertThat(withLoad.document().devices()).hasSize(DOC.devices().size() + 250);
        assertThat(withLoad.credentials()).hasSize(GENERATED.credentials().size() + 250);
        assertThatCode(() -> RegistryValidator.validate(withLoad.document(), "load.json")).doesNotThrowAnyException();
    }

    @Test
    void loadChargersAreSpreadOverEveryChargerCompound_asTheDistrictsOwnAre() {
        GeneratedRegistry withLoad = RegistryGenerator.generate(new GeneratorOptions(42, true, 1_000));
        List<String> chargerCompounds = DOC.compounds().stream().filter(Compound::chargers).map(Compound::id).toList();
        Map<String, Long> perCompound = withLoad.document().devices().stream()
                .filter(d -> d.id().startsWith("load-"))
                .collect(Collectors.groupingBy(d -> d.location().compoundId(), Collectors.counting()));
        assertThat(perCompound.keySet()).containsExactlyInAnyOrderElementsOf(chargerCompounds);
        assertThat(perCompound.values()).allSatisfy(n -> assertThat(n).isBetween(
                (long) (1_000 / chargerCompounds.size()), (long) (1_000 / chargerCompounds.size() + 1)));
    }
}
