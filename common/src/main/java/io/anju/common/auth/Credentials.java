package io.anju.common.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device credentials file written once at provisioning for the simulator (and, optionally, the gateway's
 * token check): a CSV with the header {@code deviceId,type,secret}, file mode 600.
 */
public final class Credentials {
    public static final String HEADER = "deviceId,type,secret";

    /** One line of the file. */
    public record Entry(String deviceId, String type, String secret) {
    }

    private Credentials() {
    }

    public static void write(Path file, List<Entry> entries) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Entry e : entries) {
            sb.append(e.deviceId()).append(',').append(e.type()).append(',').append(e.secret()).append('\n');
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            PrivateFiles.write(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write credentials file " + file, e);
        }
    }

    /** Reads the file; a malformed line fails with its line number. */
    public static List<Entry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read credentials file " + file, e);
        }
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
            throw new IllegalArgumentException(file + ":1: expected the header '" + HEADER + "'");
        }
        List<Entry> entries = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cols = line.split(",", -1);
            if (cols.length != 3 || cols[0].isEmpty() || cols[2].isEmpty()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected deviceId,type,secret");
            }
            entries.add(new Entry(cols[0], cols[1], cols[2]));
        }
        return entries;
    }

    /** deviceId → secret, in file order. */
    public static Map<String, String> secretsById(Path file) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Entry e : read(file)) {
            map.put(e.deviceId(), e.secret());
        }
        return map;
    }
}
