package io.anju.common.registry;

import io.anju.common.json.Json;
import io.anju.common.registry.validate.RegistryValidator;

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
            doc = Json.mapper().readValue(Files.readAllBytes(file), RegistryDocument.class);
        } catch (NoSuchFileException e) {
            throw new RegistryException("registry file " + file + " does not exist");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw RegistryException.fromJackson(file, e);
        } catch (IOException e) {
            throw new RegistryException("cannot read registry file " + file + ": " + e.getMessage());
        }
        RegistryValidator.validate(doc, file.toString());
        return new Registry(doc);
    }
}
