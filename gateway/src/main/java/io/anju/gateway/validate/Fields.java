package io.anju.gateway.validate;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

/** Small field checks shared by the payload rules; each names the offending field path in its reason. */
final class Fields {
    private Fields() {
    }

    static JsonNode required(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidPayload("missing_field", path + field);
        }
        return value;
    }

    static long integer(JsonNode parent, String field, String path, long min, long max) {
        JsonNode value = required(parent, field, path);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidPayload("bad_type", path + field + " must be an integer");
        }
        long v = value.longValue();
        if (v < min || v > max) {
            throw new InvalidPayload("bad_value", path + field + " " + v + " not in " + min + ".." + max);
        }
        return v;
    }

    static void optionalInteger(JsonNode parent, String field, String path, long min, long max) {
        if (present(parent, field)) {
            integer(parent, field, path, min, max);
        }
    }

    static void optionalNumber(JsonNode parent, String field, String path) {
        if (present(parent, field) && !parent.get(field).isNumber()) {
            throw new InvalidPayload("bad_type", path + field + " must be a number");
        }
    }

    static double number(JsonNode parent, String field, String path, double min, double max) {
        JsonNode value = required(parent, field, path);
        if (!value.isNumber()) {
            throw new InvalidPayload("bad_type", path + field + " must be a number");
        }
        double v = value.doubleValue();
        if (v < min || v > max) {
            throw new InvalidPayload("bad_value", path + field + " " + value.asText() + " not in " + min + ".." + max);
        }
        return v;
    }

    static void optionalBoolean(JsonNode parent, String field, String path) {
        if (present(parent, field) && !parent.get(field).isBoolean()) {
            throw new InvalidPayload("bad_type", path + field + " must be true or false");
        }
    }

    static String oneOf(JsonNode parent, String field, String path, Set<String> allowed) {
        JsonNode value = required(parent, field, path);
        if (!value.isTextual()) {
            throw new InvalidPayload("bad_type", path + field + " must be a string");
        }
        if (!allowed.contains(value.textValue())) {
            throw new InvalidPayload("bad_value", path + field + " '" + abbreviate(value.textValue()) + "'");
        }
        return value.textValue();
    }

    static void optionalOneOf(JsonNode parent, String field, String path, Set<String> allowed) {
        if (present(parent, field)) {
            oneOf(parent, field, path, allowed);
        }
    }

    static String text(JsonNode parent, String field, String path) {
        JsonNode value = required(parent, field, path);
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw new InvalidPayload("bad_type", path + field + " must be a non-empty string");
        }
        return value.textValue();
    }

    static void optionalText(JsonNode parent, String field, String path) {
        if (present(parent, field)) {
            text(parent, field, path);
        }
    }

    /**
     * Fails on the first number anywhere in {@code node} that is not a finite double: JSON has no Infinity or NaN, but
     * a literal beyond double range ({@code 1e400}, or an integer of 310 digits) parses to one, and every reader
     * downstream would read it so. Extra fields are checked too, since they are passed on.
     */
    static void finiteNumbers(JsonNode node, String path) {
        if (node.isNumber()) {
            if (!Double.isFinite(node.doubleValue())) {
                throw new InvalidPayload("bad_value", abbreviate(path) + " must be a finite number");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                finiteNumbers(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                finiteNumbers(node.get(i), path + "[" + i + "]");
            }
        }
    }

    static boolean present(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value != null && !value.isNull();
    }

    /** Keeps reasons short when a device sends a long garbage string. */
    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
