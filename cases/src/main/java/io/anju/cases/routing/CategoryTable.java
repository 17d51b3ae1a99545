package io.anju.cases.routing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.model.DeviceType;
import io.anju.cases.json.CasesJson;
import io.anju.cases.model.ResponseLevel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured case categories (defaults in {@code categories.json} on the class path; {@code --categories FILE}
 * replaces them). Validated at load: every alert type maps to exactly one category (for any device; a category that
 * names {@code deviceTypes} takes the type from those devices only), every category has a department, a dispatch
 * limit, and an acknowledge limit (no longer than the dispatch limit), a handling limit and a response (case, watch
 * or notice) for every severity.
 */
public final class CategoryTable {

    public static final String DEFAULT_RESOURCE = "/categories.json";

    private final Map<String, Category> byCode;
    /** The category of each alert type from a device no {@link #byDevice} entry names. */
    private final Map<AlertType, Category> byAlertType;
    /** Categories that take an alert type from some kinds of device only. */
    private final Map<AlertType, Map<DeviceType, Category>> byDevice;

    public CategoryTable(List<Category> categories) {
        this.byCode = new LinkedHashMap<>();
        this.byAlertType = new EnumMap<>(AlertType.class);
        this.byDevice = new EnumMap<>(AlertType.class);
        for (Category c : categories) {
            String where = "categories[" + c.code() + "]";
            require(c.code() != null && c.code().matches("\\d{2}-\\d{2}"), where + ".code must look like 01-02");
            require(byCode.put(c.code(), c) == null, where + " is defined twice");
            require(c.department() != null && !c.department().isBlank(), where + ".department is required");
            require(c.group() != null && !c.group().isBlank(), where + ".group is required");
            require(c.dispatchWithin() != null && !c.dispatchWithin().isNegative() && !c.dispatchWithin().isZero(), where + ".dispatchWithin must be > 0");
            for (Severity s : Severity.values()) {
                Duration d = c.handleWithin().get(s);
                require(d != null && !d.isNegative() && !d.isZero(), where + ".handleWithin." + s.wireName() + " must be > 0");
                Duration ack = c.acknowledgeWithin().get(s);
                String field = where + ".acknowledgeWithin." + s.wireName();
                require(ack != null && !ack.isNegative() && !ack.isZero(), field + " must be > 0");
                // Acknowledging comes before dispatch: a later acknowledge limit would never be the one that bites.
                require(ack.compareTo(c.dispatchWithin()) <= 0,
                        field + " (" + ack + ") must not exceed dispatchWithin (" + c.dispatchWithin() + ")");
            }
            require(c.deviceTypes().isEmpty() || !c.alertTypes().isEmpty(),
                    where + ".deviceTypes needs the alertTypes it narrows");
            requireResponses(c, where);
            for (AlertType t : c.alertTypes()) {
                if (c.deviceTypes().isEmpty()) {
                    Category before = byAlertType.put(t, c);
                    require(before == null, "alert type " + t.wireName() + " is in both "
                            + (before == null ? "" : before.code()) + " and " + c.code());
                }
                for (DeviceType d : c.deviceTypes()) {
                    Category before = byDevice.computeIfAbsent(t, k -> new EnumMap<>(DeviceType.class)).put(d, c);
                    require(before == null, "alert type " + t.wireName() + " from a " + d.wireName() + " is in both "
                            + (before == null ? "" : before.code()) + " and " + c.code());
                }
            }
        }
        for (AlertType t : AlertType.values()) {
            require(byAlertType.containsKey(t), "categories: no category for alert type " + t.wireName()
                    + (byDevice.containsKey(t) ? " from the devices no deviceTypes names" : ""));
        }
    }

    /**
     * Every severity names its response, and a higher severity never asks for less than a lower one: a warning that
     * rises can be promoted from a watch item to a case, never demoted.
     */
    private static void requireResponses(Category c, String where) {
        require(!c.response().isEmpty(), where + ".response is required: " + ResponseLevel.wireNames()
                + " for each severity");
        Severity previous = null;
        for (Severity s : Severity.values()) {
            ResponseLevel r = c.response(s);
            require(r != null, where + ".response." + s.wireName() + " is required (one of "
                    + ResponseLevel.wireNames() + ")");
            if (previous != null && r.compareTo(c.response(previous)) < 0) {
                throw new IllegalArgumentException(where + ".response." + s.wireName() + " is " + r.wireName()
                        + ", less than " + previous.wireName() + "'s " + c.response(previous).wireName()
                        + ": a higher severity may not ask for less");
            }
            previous = s;
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** This table with every time limit divided by {@code factor} (1 = as written). */
    public CategoryTable scaledBy(double factor) {
        return factor == 1 ? this : new CategoryTable(byCode.values().stream().map(c -> c.scaledBy(factor)).toList());
    }

    public static CategoryTable defaults() {
        try (InputStream in = CategoryTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return parse(in, "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    public static CategoryTable load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("--categories: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static CategoryTable parse(InputStream in, String source) throws IOException {
        try {
            JsonNode tree = CasesJson.mapper().readTree(in);
            checkResponseNames(tree);
            List<Category> list = CasesJson.mapper().readerFor(new TypeReference<List<Category>>() { }).readValue(tree);
            return new CategoryTable(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not a valid category list: " + e.getMessage(), e);
        }
    }

    /** Names the category and severity of an unknown response, which the JSON mapper alone would only number. */
    private static void checkResponseNames(JsonNode tree) {
        for (JsonNode category : tree) {
            JsonNode response = category.path("response");
            response.fields().forEachRemaining(e -> require(ResponseLevel.fromWire(e.getValue().asText()).isPresent(),
                    "categories[" + category.path("code").asText() + "].response." + e.getKey() + ": unknown response '"
                            + e.getValue().asText() + "' (one of " + ResponseLevel.wireNames() + ")"));
        }
    }

    /** The category of an alert of {@code type} from a device no {@code deviceTypes} entry names. */
    public Category forAlert(AlertType type) {
        return byAlertType.get(type);
    }

    /** The category of an alert of {@code type} from a device of {@code device} (null when not a known device). */
    public Category forAlert(AlertType type, DeviceType device) {
        Category narrow = device == null ? null : byDevice.getOrDefault(type, Map.of()).get(device);
        return narrow != null ? narrow : byAlertType.get(type);
    }

    public Optional<Category> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public Collection<Category> all() {
        return byCode.values();
    }
}
