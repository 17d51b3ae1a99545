package io.anju.cases.devices.bulk;

import io.anju.cases.devices.DeviceChange;
import io.anju.common.auth.SecretIssuer;
import io.anju.common.model.CameraSpec;
import io.anju.common.model.ChargerDefaults;
import io.anju.common.model.ChargerSpec;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.GateSpec;
import io.anju.common.model.Installation;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;
import io.anju.common.registry.validate.RegistryRules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a device CSV does to the current registry document, worked out without writing anything: an id the registry
 * lacks is added (enabled, with a freshly issued secret); an id it holds is updated: its place, spec and installation
 * take the line's values, a column the header lacks keeps what the registry holds, a blank cell clears an installation
 * field or sets a charger limit to its default; its type, secret and enabled state stay (a line cannot change the type).
 * The next document is then checked whole by the registry's own rules ({@link RegistryRules}), and each problem is
 * tied back to the line and column it came from, so the user sees every problem of the file at once.
 */
public final class ImportPlan {
    /** The source name the rules see; stripped again when their problems are tied to lines. */
    private static final String SOURCE = "import";
    private static final Pattern DEVICE_PATH = Pattern.compile("devices\\[(\\d+)](?:\\.(.+))?");
    /** The chain above a device's place, which follows the place. */
    private static final Pattern DERIVED = Pattern.compile("\\.location\\.(gridId|communityId|subDistrictId): ");
    /** The fields of a device record each column fills, as the rules name them. */
    private static final Map<String, CsvColumn> COLUMN_OF_FIELD = Map.ofEntries(
            Map.entry("id", CsvColumn.ID), Map.entry("type", CsvColumn.TYPE),
            Map.entry("location.compoundId", CsvColumn.COMPOUND), Map.entry("location.zoneId", CsvColumn.ZONE),
            Map.entry("charger.ports", CsvColumn.PORTS), Map.entry("charger.portLimitW", CsvColumn.PORT_LIMIT_W),
            Map.entry("charger.stationRefuseW", CsvColumn.STATION_REFUSE_W),
            Map.entry("charger.stationLimitW", CsvColumn.STATION_LIMIT_W),
            Map.entry("camera.watches", CsvColumn.WATCHES), Map.entry("camera.building", CsvColumn.BUILDING),
            Map.entry("gate.kind", CsvColumn.GATE_KIND), Map.entry("gate.direction", CsvColumn.DIRECTION),
            Map.entry("installation.installedOn", CsvColumn.INSTALLED_ON));
    private static final List<String> TYPES = Arrays.stream(DeviceType.values()).map(DeviceType::wireName).sorted()
            .toList();

    /** A device added by the import and its secret, shown this once. */
    public record Secret(String deviceId, String secret) {
    }

    private final RegistryDocument next;
    private final List<ImportProblem> problems;
    private final List<Secret> secrets;
    private final int added;
    private final int updated;
    private final int unchanged;

    private ImportPlan(RegistryDocument next, List<ImportProblem> problems, List<Secret> secrets, int added,
                       int updated, int unchanged) {
        this.next = next;
        this.problems = problems;
        this.secrets = secrets;
        this.added = added;
        this.updated = updated;
        this.unchanged = unchanged;
    }

    /** Plans {@code csv} against {@code current}; secrets of added devices come from {@code issuer}. */
    public static ImportPlan of(RegistryDocument current, DeviceCsv.Read csv, SecretIssuer issuer) {
        return new Planner(current, csv, issuer).plan();
    }

    /** The registry document after the import (meaningful only without problems). */
    public RegistryDocument next() {
        return next;
    }

    /** Every problem, in line and column order; empty when the import may be written. */
    public List<ImportProblem> problems() {
        return problems;
    }

    public List<Secret> secrets() {
        return secrets;
    }

    public int added() {
        return added;
    }

    public int updated() {
        return updated;
    }

    /** Lines naming a device exactly as the registry holds it already. */
    public int unchanged() {
        return unchanged;
    }

    /** One run of planning: the state it builds up line by line. */
    private static final class Planner {
        private final RegistryDocument current;
        private final Registry registry;
        private final DeviceCsv.Read csv;
        private final SecretIssuer issuer;
        private final List<ImportProblem> problems;
        private final List<Device> devices;
        private final Map<String, Integer> indexOf = new HashMap<>();
        private final Map<String, Integer> lineOfId = new HashMap<>();
        /** The CSV line each changed device index of the next document came from. */
        private final Map<Integer, Integer> lineOfIndex = new HashMap<>();
        private final List<Secret> secrets = new ArrayList<>();
        private int added;
        private int updated;
        private int unchanged;

        Planner(RegistryDocument current, DeviceCsv.Read csv, SecretIssuer issuer) {
            this.current = current;
            this.registry = new Registry(current);
            this.csv = csv;
            this.issuer = issuer;
            this.problems = new ArrayList<>(csv.problems());
            this.devices = new ArrayList<>(current.devices());
            for (int i = 0; i < devices.size(); i++) {
                indexOf.put(devices.get(i).id(), i);
            }
        }

        ImportPlan plan() {
            for (DeviceCsv.Line line : csv.lines()) {
                planLine(new Cells(csv.header(), line));
            }
            RegistryDocument next = new RegistryDocument(current.version(), current.seed(), current.note(),
                    current.subDistricts(), current.communities(), current.grids(), current.compounds(),
                    current.zones(), devices);
            List<String> ruleProblems = new ArrayList<>(RegistryRules.problems(SOURCE, next.subDistricts(),
                    next.communities(), next.grids(), next.compounds(), next.zones(), next.devices()));
            // Derived chain fields last: they are left out for a line whose place is reported already.
            ruleProblems.sort(Comparator.comparing(p -> DERIVED.matcher(p).find()));
            ruleProblems.forEach(this::ruleProblem);
            problems.sort(Comparator.comparingInt(ImportProblem::line).thenComparingInt(ImportProblem::column));
            return new ImportPlan(next, List.copyOf(problems), List.copyOf(secrets), added, updated, unchanged);
        }

        private void planLine(Cells cells) {
            String id = cells.text(CsvColumn.ID);
            if (id == null) {
                problems.add(cells.problem(CsvColumn.ID, "missing"));
                return;
            }
            Integer first = lineOfId.putIfAbsent(id, cells.line());
            if (first != null) {
                problems.add(cells.problem(CsvColumn.ID, "duplicate id '" + id + "' (first on line " + first + ")"));
                return;
            }
            String typeText = cells.text(CsvColumn.TYPE);
            Optional<DeviceType> parsed = typeText == null ? Optional.empty() : DeviceType.fromWire(typeText);
            if (parsed.isEmpty()) {
                problems.add(cells.problem(CsvColumn.TYPE, typeText == null ? "missing"
                        : "'" + typeText + "' is not one of " + TYPES));
                return;
            }
            DeviceType type = parsed.get();
            Device existing = registry.device(id).orElse(null);
            if (existing != null && existing.type() != type) {
                problems.add(cells.problem(CsvColumn.TYPE, "device '" + id + "' is a " + existing.type().wireName()
                        + " in the registry; an import cannot change its type (disable it and add a new id)"));
                return;
            }
            int problemsBefore = problems.size();
            for (CsvColumn c : CsvColumn.values()) {
                if (c.onlyFor() != null && c.onlyFor() != type && cells.text(c) != null) {
                    problems.add(cells.problem(c, "a " + type.wireName() + " has no " + c.header()
                            + " (a " + c.onlyFor().wireName() + " attribute); leave it blank"));
                }
            }
            Device device = device(cells, id, type, existing);
            if (problems.size() > problemsBefore) {
                return;
            }
            if (existing == null) {
                lineOfIndex.put(devices.size(), cells.line());
                devices.add(device);
                added++;
            } else if (existing.equals(device)) {
                unchanged++;
            } else {
                int index = indexOf.get(id);
                lineOfIndex.put(index, cells.line());
                devices.set(index, device);
                updated++;
            }
        }

        /** The device the line describes; a new one gets its secret here (null when a number is unreadable). */
        private Device device(Cells cells, String id, DeviceType type, Device existing) {
            LocationChain at = existing == null ? null : existing.location();
            String compoundId = cells.keep(CsvColumn.COMPOUND, at == null ? null : at.compoundId());
            String zoneId = cells.keep(CsvColumn.ZONE, at == null ? null : at.zoneId());
            LocationChain chain = DeviceChange.chainOf(registry, type,
                    new LocationChain(null, null, null, compoundId, zoneId));
            ChargerSpec charger = type == DeviceType.CHARGER ? charger(cells, existing == null ? null
                    : existing.charger()) : null;
            CameraSpec camera = null;
            GateSpec gate = null;
            if (type == DeviceType.CAMERA) {
                CameraSpec was = existing == null ? null : existing.camera();
                camera = new CameraSpec(cells.keep(CsvColumn.WATCHES, was == null ? null : was.watches()),
                        cells.keep(CsvColumn.BUILDING, was == null ? null : was.building()));
            } else if (type == DeviceType.GATE) {
                GateSpec was = existing == null ? null : existing.gate();
                gate = new GateSpec(cells.keep(CsvColumn.GATE_KIND, was == null ? null : was.kind()),
                        cells.keep(CsvColumn.DIRECTION, was == null ? null : was.direction()));
            }
            Installation installation = installation(cells, existing == null ? null : existing.installation());
            if (existing != null) {
                return new Device(id, type, chain, existing.secretHash(), existing.enabled(), charger, camera, gate,
                        installation, existing.previousSecret());
            }
            SecretIssuer.Issued secret = issuer.issue();
            secrets.add(new Secret(id, secret.secret()));
            return new Device(id, type, chain, secret.hash(), true, charger, camera, gate, installation, null);
        }

        private ChargerSpec charger(Cells cells, ChargerSpec was) {
            return new ChargerSpec(
                    cells.number(CsvColumn.PORTS, was == null ? 0 : was.ports(), 0, problems),
                    cells.number(CsvColumn.PORT_LIMIT_W, was == null ? ChargerDefaults.PORT_LIMIT_W : was.portLimitW(),
                            ChargerDefaults.PORT_LIMIT_W, problems),
                    cells.number(CsvColumn.STATION_REFUSE_W, was == null ? ChargerDefaults.STATION_REFUSE_W
                            : was.stationRefuseW(), ChargerDefaults.STATION_REFUSE_W, problems),
                    cells.number(CsvColumn.STATION_LIMIT_W, was == null ? ChargerDefaults.STATION_LIMIT_W
                            : was.stationLimitW(), ChargerDefaults.STATION_LIMIT_W, problems));
        }

        private static Installation installation(Cells cells, Installation was) {
            Function<Function<Installation, String>, String> old = f -> was == null ? null : f.apply(was);
            Installation i = new Installation(
                    cells.keep(CsvColumn.VENDOR, old.apply(Installation::vendor)),
                    cells.keep(CsvColumn.MODEL, old.apply(Installation::model)),
                    cells.keep(CsvColumn.FIRMWARE, old.apply(Installation::firmware)),
                    cells.keep(CsvColumn.INSTALLED_ON, old.apply(Installation::installedOn)),
                    cells.keep(CsvColumn.PROPERTY_COMPANY, old.apply(Installation::propertyCompany)));
            return i.equals(new Installation(null, null, null, null, null)) ? null : i;
        }

        /**
         * Ties a problem of the registry rules ({@code import: devices[12].location.compoundId: unknown compound 'x'})
         * to the line that made device 12 and the column that fills the field. A derived chain field (grid,
         * community, sub-district follow the place) is left out when the line has problems of its own already: an
         * unknown place also leaves its grid unknown.
         */
        private void ruleProblem(String problem) {
            String rest = problem.startsWith(SOURCE + ": ") ? problem.substring(SOURCE.length() + 2) : problem;
            int colon = rest.indexOf(": ");
            String path = colon < 0 ? rest : rest.substring(0, colon);
            String message = (colon < 0 ? rest : rest.substring(colon + 2))
                    .replace("'null' is not one of", "missing: one of");
            Matcher m = DEVICE_PATH.matcher(path);
            Integer line = m.matches() ? lineOfIndex.get(Integer.parseInt(m.group(1))) : null;
            if (line == null) {
                // Not a device of this file: the registry as it stands breaks a rule (it cannot pass unless fixed).
                problems.add(ImportProblem.ofLine(0, "the registry itself: " + rest));
                return;
            }
            String field = m.group(2) == null ? "" : m.group(2);
            CsvColumn column = COLUMN_OF_FIELD.get(field);
            if (column == null && field.startsWith("location.")) {
                final int l = line;
                if (problems.stream().anyMatch(p -> p.line() == l)) {
                    return;
                }
                column = devices.get(Integer.parseInt(m.group(1))).type() == DeviceType.CROWD ? CsvColumn.ZONE
                        : CsvColumn.COMPOUND;
            }
            DeviceCsv.Header header = csv.header();
            problems.add(column == null ? ImportProblem.ofLine(line, field + ": " + message)
                    : new ImportProblem(line, header.position(column), column.header(), message));
        }
    }

    /** The cells of one line by column. */
    private record Cells(DeviceCsv.Header header, DeviceCsv.Line data) {
        int line() {
            return data.line();
        }

        /** The cell, null when blank or when the header lacks the column. */
        String text(CsvColumn column) {
            int at = header.position(column);
            if (at == 0 || at > data.cells().size()) {
                return null;
            }
            String cell = data.cells().get(at - 1);
            return cell.isEmpty() ? null : cell;
        }

        /** The cell when the header has the column (blank: null), else {@code kept}. */
        String keep(CsvColumn column, String kept) {
            return header.has(column) ? text(column) : kept;
        }

        /** A whole number: {@code kept} when the header lacks the column, {@code blank} for a blank cell. */
        int number(CsvColumn column, int kept, int blank, List<ImportProblem> problems) {
            if (!header.has(column)) {
                return kept;
            }
            String text = text(column);
            if (text == null) {
                return blank;
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                problems.add(problem(column, "'" + text + "' is not a whole number"));
                return blank;
            }
        }

        ImportProblem problem(CsvColumn column, String message) {
            return new ImportProblem(line(), header.position(column), column.header(), message);
        }
    }
}
