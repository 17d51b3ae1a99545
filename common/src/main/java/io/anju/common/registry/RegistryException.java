package io.anju.common.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** A registry file that cannot be used, with a message naming the line and the field. */
public final class RegistryException extends RuntimeException {
    public RegistryException(String message) {
        super(message);
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
