package io.anju.jobs.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * One JSON value read from a token stream, with the fallback a field takes when its value is of another kind (the
 * value, object or array, is skipped then): the envelope decoding never guesses and never fails on a field's type.
 */
final class JsonValues {

    /** A scalar as text (numbers and booleans in their JSON form); {@code fallback} for null and structures. */
    static String textOr(JsonParser p, JsonToken t, String fallback) throws IOException {
        if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
            return p.getValueAsString();
        }
        p.skipChildren();
        return fallback;
    }

    static double doubleValue(JsonParser p, JsonToken t, double fallback) throws IOException {
        if (t.isNumeric()) {
            return p.getDoubleValue();
        }
        p.skipChildren();
        return fallback;
    }

    static int intValue(JsonParser p, JsonToken t, int fallback) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return (int) p.getDoubleValue();
        }
        p.skipChildren();
        return fallback;
    }

    static long longValue(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return (long) p.getDoubleValue();
        }
        p.skipChildren();
        return 0;
    }

    static boolean booleanValue(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        p.skipChildren();
        return false;
    }

    static <T> T skip(JsonParser p, T value) throws IOException {
        p.skipChildren();
        return value;
    }

    private JsonValues() {
    }
}
