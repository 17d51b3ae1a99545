package io.anju.cases.routing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.config.Require;
import io.anju.common.config.Setting;
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
            Require.that(c.code() != null && c.code().matches("\\d{2}-\\d{2}"), where + ".code", c.code(),
                    "must look like 01-02");
            Require.that(byCode.put(c.code(), c) == null, where, c.code(), "is defined twice");
            Require.present(where + ".department", c.department());
            Require.present(where + ".group", c.group());
            Require.positive(where + ".dispatchWithin", c.dispatchWithin());
            for (Severity s : Severity.values()) {
                Require.positive(where + ".handleWithin." + s.wireName(), c.handleWithin().get(s));
                Duration ack = c.acknowledgeWithin().get(s);
                String field = where + ".acknowledgeWithin." + s.wireName();
                Require.positive(field, ack);
                // Acknowledging comes before dispatch: a later acknowledge limit would never be the one that bites.
                Require.that(ack.compareTo(c.dispatchWithin()) <= 0, field, ack,
                        "must not exceed dispatchWithin (" + Setting.format(c.dispatchWithin()) + ")");
            }
            Require.that(c.deviceTypes().isEmpty() || !c.alertTypes().isEmpty(), where + ".deviceTypes",
                    c.deviceTypes(), "needs the alertTypes it narrows");
            requireResponses(c, where);
            for (AlertType t : c.alertTypes()) {
                if (c.deviceTypes().isEmpty()) {
                    Category before = byAlertType.put(t, c);
                    Require.that(before == null, where + ".alertTypes", t.wireName(), "alert type "
                            + t.wireName() + " is in both " + (before == null ? "" : before.code()) + " and " + c.code());
                }
                for (DeviceType d : c.deviceTypes()) {
                    Category before = byDevice.computeIfAbsent(t, k -> new EnumMap<>(DeviceType.class)).put(d, c);
                    Require.that(before == null, where + ".alertTypes", t.wireName(), "alert type " + t.wireName()
                            + " from a " + d.wireName() + " is in both " + (before == null ? "" : before.code())
                            + " and " + c.code());
                }
            }
        }
        for (AlertType t : AlertType.values()) {
            Require.that(byAlertType.containsKey(t), "categories", t.wireName(), "no category for alert type "
                    + t.wireName() + (byDevice.containsKey(t) ? " from the devices no deviceTypes names" : ""));
        }
    }

    /**
     * Every severity names its response, and a higher severity never asks for less than a lower one: a warning that
     * rises can be promoted from a watch item to a case, never demoted.
     */
    private static void requireResponses(Category c, String where) {
        Require.that(!c.response().isEmpty(), where + ".response", c.response(), "is required: "
                + ResponseLevel.wireNames() + " for each severity");
        Severity previous = null;
        for (Severity s : Severity.values()) {
            ResponseLevel r = c.response(s);
            String field = where + ".response." + s.wireName();
            Require.that(r != null, field, null, "is required (one of " + ResponseLevel.wireNames() + ")");
            if (previous != null) {
                Require.that(r.compareTo(c.response(previous)) >= 0, field, r.wireName(), "is less than "
                        + previous.wireName() + "'s " + c.response(previous).wireName()
                        + ": a higher severity may not ask for less");
            }
            previous = s;
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
            response.fields().forEachRemaining(e -> Require.that(ResponseLevel.fromWire(e.getValue().asText()).isPresent(),
                    "categories[" + category.path("code").asText() + "].response." + e.getKey(), e.getValue().asText(),
                    "unknown response (one of " + ResponseLevel.wireNames() + ")"));
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
