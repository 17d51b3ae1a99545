package io.anju.cases.people;

import io.anju.cases.model.CaseException;

/** One unit, written {@code kind:id} on the wire, e.g. {@code grid:g-0001} or {@code department:fire}. */
public record UnitRef(UnitKind kind, String id) {

    public UnitRef {
        if (kind == null || id == null || id.isBlank()) {
            throw CaseException.invalid("a unit needs a kind and an id (kind:id, e.g. grid:g-0001)");
        }
    }

    public static UnitRef parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw CaseException.invalid("unit must be kind:id, e.g. grid:g-0001 (was '" + text + "')");
        }
        return new UnitRef(UnitKind.fromWire(text.substring(0, colon)), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return kind.wireName() + ":" + id;
    }
}
