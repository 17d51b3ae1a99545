package io.anju.cases.people;

import java.util.List;

/**
 * Who answers for a unit at one moment.
 *
 * @param unit     the unit
 * @param contacts the people on duty (empty when the rota names nobody reachable)
 * @param fallback true when the rota's fallback stands in
 */
public record OnDuty(UnitRef unit, List<Contact> contacts, boolean fallback) {

    public OnDuty {
        contacts = List.copyOf(contacts);
    }
}
