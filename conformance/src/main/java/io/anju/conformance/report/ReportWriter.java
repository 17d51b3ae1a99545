package io.anju.conformance.report;

import io.anju.common.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code report.md} and {@code report.json} for a device. */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** The directory of a device's report: {@code out} itself for a single device, {@code out/<device>} for several. */
    public static Path dirFor(Path out, String deviceId, boolean severalDevices) {
        return severalDevices ? out.resolve(deviceId) : out;
    }

    /** Writes both files; returns the Markdown one. */
    public static Path write(Path dir, DeviceReport report) {
        try {
            Files.createDirectories(dir);
            Path md = dir.resolve("report.md");
            Files.writeString(md, MarkdownReport.render(report), StandardCharsets.UTF_8);
            Files.write(dir.resolve("report.json"),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
            return md;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report under " + dir, e);
        }
    }
}
