package io.anju.jobs.registry;

import io.anju.common.registry.RegistryLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads the registry file into a {@link RegistryView}, versioned by the SHA-256 of its bytes. */
public final class RegistryFile {
    private final Path path;

    public RegistryFile(Path path) {
        this.path = path;
    }

    /** The digest of the file as it is now. */
    public String version() throws IOException {
        return digest(Files.readAllBytes(path));
    }

    /** Loads and validates the file; throws {@link io.anju.common.registry.RegistryException} naming the problem. */
    public RegistryView load() throws IOException {
        String version = version();
        return RegistryView.of(RegistryLoader.load(path), version);
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
