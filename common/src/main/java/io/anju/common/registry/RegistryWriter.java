package io.anju.common.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anju.common.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes {@code registry.json} pretty-printed, replacing the file atomically so a reader never sees half of it. */
public final class RegistryWriter {
    private RegistryWriter() {
    }

    public static String toJson(RegistryDocument document) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise the registry", e);
        }
    }

    public static void write(Path file, RegistryDocument document) {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(tmp, toJson(document), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write registry file " + file, e);
        }
    }
}
