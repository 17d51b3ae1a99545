package io.anju.common.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A registry file that cannot be used, with a message naming the line and the field. */
public final class RegistryException extends RuntimeException {
    private final List<String> problems;

    public RegistryException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    /** A registry with several problems: the message lists (some of) them, {@link #problems()} has them all. */
    public RegistryException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one line each, in file order. */
    public List<String> problems() {
        return problems;
    }

    static RegistryException fromJackson(Path file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        String field = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = " at " + m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
        }
        return new RegistryException(file + where + field + ": " + e.getOriginalMessage());
    }
}
