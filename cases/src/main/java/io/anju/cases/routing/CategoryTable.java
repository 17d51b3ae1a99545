package io.anju.cases.routing;

import com.fasterxml.jackson.core.type.TypeReference;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.cases.json.CasesJson;

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
 * replaces them). Validated at load: every alert type maps to exactly one category, every category has a department,
 * a dispatch limit, and an acknowledge limit (no longer than the dispatch limit) and a handling limit for every
 * severity.
 */
public final class CategoryTable {

    public static final String DEFAULT_RESOURCE = "/categories.json";

    private final Map<String, Category> byCode;
    private final Map<AlertType, Category> byAlertType;

    public CategoryTable(List<Category> categories) {
        this.byCode = new LinkedHashMap<>();
        this.byAlertType = new EnumMap<>(AlertType.class);
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
            for (AlertType t : c.alertTypes()) {
                Category before = byAlertType.put(t, c);
                require(before == null, "alert type " + t.wireName() + " is in both " + (before == null ? "" : before.code())
                        + " and " + c.code());
            }
        }
        for (AlertType t : AlertType.values()) {
            require(byAlertType.containsKey(t), "categories: no category for alert type " + t.wireName());
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
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
            List<Category> list = CasesJson.mapper().readValue(in, new TypeReference<List<Category>>() { });
            return new CategoryTable(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not a valid category list: " + e.getMessage(), e);
        }
    }

    public Category forAlert(AlertType type) {
        return byAlertType.get(type);
    }

    public Optional<Category> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public Collection<Category> all() {
        return byCode.values();
    }
}
