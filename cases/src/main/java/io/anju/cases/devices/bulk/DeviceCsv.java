package io.anju.cases.devices.bulk;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a device CSV (RFC 4180 through Jackson's CSV parser: quoted cells, doubled quotes, cells trimmed, blank lines
 * skipped, a leading byte-order mark ignored) into its header and lines, each line remembering where it starts in the
 * file. Problems of form (unknown or repeated header names, a missing required column, a line with more cells than
 * the header) are collected, not thrown; a quote that never closes ends the reading with a problem at its place.
 */
public final class DeviceCsv {
    private static final CsvMapper MAPPER = new CsvMapper();

    /** The columns the header names, with their 1-based position, and how many cells it has (unknown ones too). */
    public record Header(Map<CsvColumn, Integer> positions, int width) {
        boolean has(CsvColumn column) {
            return positions.containsKey(column);
        }

        int position(CsvColumn column) {
            return positions.getOrDefault(column, 0);
        }
    }

    /** One data line: its line number and its cells in header order. */
    public record Line(int line, List<String> cells) {
    }

    /** A file read: its header, its data lines, and the problems of form found on the way. */
    public record Read(Header header, List<Line> lines, List<ImportProblem> problems) {
    }

    private DeviceCsv() {
    }

    /** True when {@code text} starts with a CSV header naming at least {@code id} and {@code type}. */
    public static boolean looksLikeCsv(String text) {
        String first = stripBom(text).lines().findFirst().orElse("").strip();
        if (first.startsWith("{")) {
            return false;
        }
        List<String> names = List.of(first.replace("\"", "").split("\\s*,\\s*"));
        return names.contains(CsvColumn.ID.header()) && names.contains(CsvColumn.TYPE.header());
    }

    public static Read read(String text) {
        List<ImportProblem> problems = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        Header header = null;
        try (JsonParser p = MAPPER.reader().with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.TRIM_SPACES)
                .createParser(stripBom(text))) {
            List<String> cells = new ArrayList<>();
            int line = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_STRING) {
                    if (cells.isEmpty()) {
                        line = p.currentTokenLocation().getLineNr();
                    }
                    cells.add(p.getText().strip());
                } else if (t == JsonToken.END_ARRAY && !cells.isEmpty()) {
                    if (cells.stream().allMatch(String::isEmpty)) {
                        cells = new ArrayList<>();
                        continue;
                    }
                    if (header == null) {
                        header = header(line, cells, problems);
                    } else {
                        if (cells.size() > header.width()) {
                            problems.add(ImportProblem.ofLine(line, cells.size() + " cells but the header has "
                                    + header.width()));
                        }
                        lines.add(new Line(line, List.copyOf(cells)));
                    }
                    cells = new ArrayList<>();
                }
            }
        } catch (JsonProcessingException e) {
            int at = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(ImportProblem.ofLine(at, "not readable as CSV, the rest of the file is not checked: "
                    + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null) {
            problems.add(ImportProblem.ofLine(1, "empty file: expected a header line such as " + CsvColumn.FULL_HEADER));
            header = new Header(Map.of(), 0);
        }
        return new Read(header, lines, problems);
    }

    private static Header header(int line, List<String> names, List<ImportProblem> problems) {
        Map<CsvColumn, Integer> positions = new EnumMap<>(CsvColumn.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int position = i + 1;
            CsvColumn.byHeader(name).ifPresentOrElse(c -> {
                if (positions.putIfAbsent(c, position) != null) {
                    problems.add(new ImportProblem(line, position, name, "column named twice (first in column "
                            + positions.get(c) + ")"));
                }
            }, () -> problems.add(new ImportProblem(line, position, name, "unknown column; the columns are "
                    + CsvColumn.FULL_HEADER)));
        }
        for (CsvColumn required : List.of(CsvColumn.ID, CsvColumn.TYPE)) {
            if (!positions.containsKey(required)) {
                problems.add(ImportProblem.ofLine(line, "the header has no column '" + required.header() + "'"));
            }
        }
        return new Header(positions, names.size());
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
