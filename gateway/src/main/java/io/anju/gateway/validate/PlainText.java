package io.anju.gateway.validate;

/** A cheap test that lets the common case skip charset decoding and tree re-serialisation. */
public final class PlainText {
    private PlainText() {
    }

    /**
     * True when every byte is printable ASCII or JSON whitespace (tab, LF, CR): such bytes are valid UTF-8, and JSON
     * parsed from them can be copied verbatim into other UTF-8 JSON (no BOM, no NUL, no UTF-16/32 detection).
     */
    public static boolean isPrintableAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7F) {
                return false; // negative bytes (>= 0x80) are < 0x20 as signed values
            }
        }
        return true;
    }
}
