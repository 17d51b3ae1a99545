package io.anju.conformance.check;

/** A check's verdict. {@code WARN} passes certification but is worth the vendor's attention. */
public enum Verdict {
    PASS, WARN, FAIL, NOT_APPLICABLE;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
