package io.anju.conformance.check;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A check's verdict. {@code WARN} passes certification but is worth the vendor's attention. */
public enum Verdict {
    PASS, WARN, FAIL, NOT_APPLICABLE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
