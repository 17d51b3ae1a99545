package io.anju.gateway.validate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The verdict on one payload: valid (with the parsed JSON, or null for a JPEG snapshot) or invalid with a
 * reason whose prefix before {@code ':'} is a stable code ({@code not_json}, {@code missing_field}, ...).
 */
public sealed interface Validation {

    record Valid(JsonNode json) implements Validation {
    }

    record Invalid(String reason) implements Validation {
        /** The stable code, e.g. {@code missing_field} for {@code "missing_field: ts"}. */
        public String code() {
            int colon = reason.indexOf(':');
            return colon < 0 ? reason : reason.substring(0, colon);
        }
    }

    default boolean isValid() {
        return this instanceof Valid;
    }
}
