package io.anju.common.text;

import java.nio.charset.StandardCharsets;

/** Bounded UTF-8 text: a prefix of at most so many bytes that never ends inside a character. */
public final class Utf8 {
    private Utf8() {
    }

    /** The first at most {@code maxBytes} bytes of {@code bytes} as text, cut at a character boundary. */
    public static String prefix(byte[] bytes, int maxBytes) {
        int cut = Math.min(bytes.length, maxBytes);
        if (cut < bytes.length) {
            while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
                cut--; // bytes[cut] continues a character that started before the cut: leave that one out
            }
        }
        return new String(bytes, 0, cut, StandardCharsets.UTF_8);
    }

    /** {@code text} itself when its UTF-8 form has at most {@code maxBytes} bytes, else its longest such prefix. */
    public static String truncate(String text, int maxBytes) {
        if (text.length() * 3 <= maxBytes) {
            return text; // even all three-byte characters fit
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= maxBytes ? text : prefix(bytes, maxBytes);
    }
}
