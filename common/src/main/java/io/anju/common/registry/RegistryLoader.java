package io.anju.common.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads {@code registry.json} and validates it ({@link RegistryValidator}); every failure is a
 * {@link RegistryException} that names the file and the line/column or field path.
 */
public final class RegistryLoader {
    private RegistryLoader() {
    }

    public static Registry load(Path file) {
        RegistryDocument doc;
        try {
            byte[] bytes = Files.readAllBytes(file);
            checkVersion(file, Json.tree(bytes));
            doc = Json.mapper().readValue(bytes, RegistryDocument.class);
        } catch (NoSuchFileException e) {
            throw new RegistryException("registry file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw RegistryException.fromJackson(file, e);
        } catch (IOException e) {
            throw new RegistryException("cannot read registry file " + file + ": " + e.getMessage());
        }
        RegistryValidator.validate(doc, file.toString());
        return new Registry(doc);
    }

    /** A file of another format version is named as such, before its fields are bound (they may differ). */
    private static void checkVersion(Path file, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new RegistryException(file + ": expected a JSON object");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt()) {
            throw new RegistryException(file + ": version: missing (expected " + RegistryDocument.CURRENT_VERSION + ")");
        }
        if (version.intValue() != RegistryDocument.CURRENT_VERSION) {
            throw new RegistryException(file + ": version: unsupported registry version " + version.intValue()
                    + " (this build reads version " + RegistryDocument.CURRENT_VERSION + ")");
        }
    }
}
