package io.anju.cases.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Who a user is in the chain of command; the user's scope names the unit(s) the role applies to.
 * What each role may see and do is decided in one place, {@code io.anju.cases.access.AccessPolicy}.
 */
public enum Role {
    /** The district command centre: every case. Scope: the district id (or {@code *}). */
    DISTRICT_OPERATOR,
    /** A sub-district centre: cases of its sub-district. Scope: the sub-district id. */
    SUB_DISTRICT_OPERATOR,
    /** A community centre: cases of its community. Scope: the community id. */
    COMMUNITY_OPERATOR,
    /** A grid worker: cases of their grid. Scope: the grid id. */
    GRID_WORKER,
    /**
     * A compound's property manager: the cases of their compounds that property management is responsible for or
     * supports. Scope: compound ids, comma-separated.
     */
    PROPERTY_MANAGER,
    /**
     * The street's emergency manager: the cases of their sub-district that the street's emergency team is responsible
     * for or supports (crowd warnings, crowd counters offline). Scope: the sub-district id.
     */
    EMERGENCY_MANAGER,
    /**
     * A department's responder: from dispatch on, the cases the department is responsible for, supports or coordinates
     * on. Scope: the department code.
     */
    DEPARTMENT_RESPONDER,
    /**
     * A device vendor: reads the registry record and the diagnostics of the devices whose installation names them as
     * vendor, and nothing else (no cases). Scope: the vendor's name, exactly as in {@code installation.vendor}.
     */
    VENDOR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWire(String name) {
        for (Role r : values()) {
            if (r.wireName().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "' (one of district_operator, sub_district_operator,"
                + " community_operator, grid_worker, property_manager, emergency_manager, department_responder, vendor)");
    }
}
