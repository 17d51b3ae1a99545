package io.anju.common.registry;

import io.anju.common.model.LocationChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsWhatTheWriterWrote() {
        RegistryDocument doc = TestRegistries.small();
        Path file = dir.resolve("registry.json");
        RegistryWriter.write(file, doc);

        Registry registry = RegistryLoader.load(file);

        assertThat(registry.document()).isEqualTo(doc);
        assertThat(registry.device("chg-0001-1")).isPresent();
    }

    @Test
    void writesPrettyPrintedJson() throws IOException {
        Path file = dir.resolve("registry.json");
        RegistryWriter.write(file, TestRegistries.small());
        assertThat(Files.readAllLines(file)).hasSizeGreaterThan(50).contains("  \"version\" : 1,");
        assertThat(dir.resolve("registry.json.tmp")).doesNotExist();
    }

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> RegistryLoader.load(missing))
                .isInstanceOf(RegistryException.class)
                .hasMessage("registry file " + missing + " does not exist");
    }

    @Test
    void namesLineAndColumnOfBrokenJson() throws IOException {
        Path file = dir.resolve("registry.json");
        Files.writeString(file, "{\n  \"version\": 1,\n  \"seed\": 1 2,\n  \"note\": \"x\"\n}\n");
        assertThatThrownBy(() -> RegistryLoader.load(file))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith(file + ":3:");
    }

    @Test
    void namesTheFieldPathOfAValueOfTheWrongKind() throws IOException {
        Path file = dir.resolve("registry.json");
        Files.writeString(file, """
                {"version": 1, "seed": 1, "note": "x", "subDistricts": [], "communities": [], "grids": [],
                 "compounds": [], "zones": [],
                 "devices": [{"id": "t-1", "type": "toaster", "enabled": true}]}
                """);
        assertThatThrownBy(() -> RegistryLoader.load(file))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith(file + ":3:")
                .hasMessageContaining("at devices[0].type")
                .hasMessageContaining("toaster");
    }

    @Test
    void namesTheFieldPathOfAnUnknownReference() {
        RegistryDocument doc = TestRegistries.small();
        LocationChain at = doc.devices().get(2).location();
        RegistryDocument broken = TestRegistries.withDevice(doc, 2, d -> TestRegistries.at(d,
                new LocationChain(at.subDistrictId(), at.communityId(), "g-999", at.compoundId(), null)));
        Path file = dir.resolve("registry.json");
        RegistryWriter.write(file, broken);

        assertThatThrownBy(() -> RegistryLoader.load(file))
                .isInstanceOf(RegistryException.class)
                .hasMessage(file + ": devices[2].location.gridId: unknown grid 'g-999'");
    }

    @Test
    void namesAnUnsupportedVersionBeforeBindingFields() throws IOException {
        Path file = dir.resolve("registry.json");
        Files.writeString(file, "{\"version\": 3, \"places\": {}}");
        assertThatThrownBy(() -> RegistryLoader.load(file))
                .isInstanceOf(RegistryException.class)
                .hasMessage(file + ": version: unsupported registry version 3 (this build reads version 1)");
    }
}
