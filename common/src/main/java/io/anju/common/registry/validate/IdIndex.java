package io.anju.common.registry.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Items of one list by id, reporting missing lists, null items, blank and duplicate ids on the way. */
final class IdIndex<T> {
    private final Map<String, T> byId = new HashMap<>();

    IdIndex(String field, List<T> items, Function<T, String> id, Problems problems) {
        if (items == null) {
            problems.add(field, "missing (expected a list, possibly empty)");
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            String path = field + "[" + i + "]";
            if (item == null) {
                problems.add(path, "null entry");
                continue;
            }
            String key = id.apply(item);
            if (key == null || key.isBlank()) {
                problems.add(path + ".id", "missing");
            } else if (byId.putIfAbsent(key, item) != null) {
                problems.add(path + ".id", "duplicate id '" + key + "'");
            }
        }
    }

    Optional<T> get(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    boolean contains(String id) {
        return id != null && byId.containsKey(id);
    }
}
