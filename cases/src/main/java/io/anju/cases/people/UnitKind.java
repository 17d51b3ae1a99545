package io.anju.cases.people;

import com.fasterxml.jackson.annotation.JsonValue;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.Level;

import java.util.Arrays;
import java.util.Locale;

/** The kinds of unit that keep an on-call rota: the four levels of the chain, a compound, a department. */
public enum UnitKind {
    GRID, COMMUNITY, SUB_DISTRICT, DISTRICT, COMPOUND, DEPARTMENT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UnitKind of(Level level) {
        return valueOf(level.name());
    }

    public static UnitKind fromWire(String name) {
        for (UnitKind k : values()) {
            if (k.wireName().equals(name)) {
                return k;
            }
        }
        throw CaseException.invalid("unknown unit kind '" + name + "' (one of "
                + Arrays.stream(values()).map(UnitKind::wireName).toList() + ")");
    }
}
