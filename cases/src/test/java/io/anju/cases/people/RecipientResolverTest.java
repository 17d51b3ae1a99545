package io.anju.cases.people;

import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.Level;
import io.anju.cases.model.Origin;
import io.anju.cases.model.ResponseLevel;
import io.anju.cases.notify.Recipient;
import io.anju.cases.routing.CategoryTable;
import io.anju.common.alert.Severity;
import io.anju.common.model.LocationChain;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.anju.cases.people.RotaTest.local;
import static org.assertj.core.api.Assertions.assertThat;

class RecipientResolverTest {
    static final LocationChain AT_COMPOUND = new LocationChain("sd-1", "cm-1", "gd-1", "cp-1", null);
    static final UnitRef GRID = new UnitRef(UnitKind.GRID, "gd-1");
    static final UnitRef COMMUNITY = new UnitRef(UnitKind.COMMUNITY, "cm-1");
    static final UnitRef PROPERTY = new UnitRef(UnitKind.DEPARTMENT, "property");
    static final UnitRef FIRE = new UnitRef(UnitKind.DEPARTMENT, "fire");
    static final UnitRef COMPOUND = new UnitRef(UnitKind.COMPOUND, "cp-1");
    static final List<String> ALL_WEEK = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final Instant NOON_MONDAY = local("2026-12-07T12:00:00");

    final RecipientResolver resolver = new RecipientResolver(CategoryTable.defaults());

    static CaseRecord caseOf(String category, String department, Level level, String unit, LocationChain where) {
        return new CaseRecord(1, "LH-1", Origin.ALERT, "t", null, category, department, List.of(), Severity.RED,
                CaseState.COLLECTED, ResponseLevel.CASE, null, null, null, null, null, null, where, null, null, null, null, List.of(),
                level, unit, null, null, null, null, null, null, null, null, null, null, null, null, null, false, false, false, 0,
                null, null, null, null, 1, List.of());
    }

    static Rota allWeek(UnitRef unit, String contact) {
        return new Rota(unit, List.of(new Shift(ALL_WEEK, "00:00", "00:00", contact)), null);
    }

    static Contact person(String name, String language, List<String> channels) {
        return new Contact(name, "名" + name, "1380000" + name.length(), language, channels, null, true);
    }

    @Test
    void aChargerCaseNamesTheOwnerUnitTheDepartmentAndTheCompound() {
        assertThat(resolver.unitsFor(caseOf("01-01", "fire", Level.GRID, "gd-1", AT_COMPOUND)))
                .containsExactly(GRID, FIRE, COMPOUND);
    }

    @Test
    void aCrowdCaseHasNoCompoundAndAnEscalatedCaseIsOwnedAtItsLevel() {
        CaseRecord crowd = caseOf("03-01", "street_emergency", Level.COMMUNITY, "cm-1",
                new LocationChain("sd-1", "cm-1", "gd-1", "cp-1", null));

        assertThat(resolver.unitsFor(crowd))
                .containsExactly(COMMUNITY, new UnitRef(UnitKind.DEPARTMENT, "street_emergency"));
    }

    @Test
    void theOnDutyPeopleOfEachUnitAreNamedOnceInOrderOfResponsibility() {
        Contact li = person("li", "zh", List.of("wecom", "sms"));
        Contact chen = person("chen", "en", List.of("sms"));
        Contact wu = person("wu", "zh", List.of("dingtalk"));
        Contact night = person("night", "zh", List.of("sms"));
        Map<UnitRef, Rota> rotas = Map.of(
                GRID, new Rota(GRID, List.of(new Shift(ALL_WEEK, "08:00", "20:00", "li")), "night"),
                PROPERTY, allWeek(PROPERTY, "wu"),
                COMPOUND, new Rota(COMPOUND, List.of(new Shift(ALL_WEEK, "00:00", "00:00", "chen"),
                        new Shift(ALL_WEEK, "00:00", "00:00", "wu")), null));
        Map<String, Contact> contacts = Map.of("li", li, "chen", chen, "wu", wu, "night", night);
        CaseRecord overload = caseOf("02-01", "property", Level.GRID, "gd-1", AT_COMPOUND);

        List<Recipient> noon = resolver.resolve(overload, rotas, contacts, NOON_MONDAY);
        List<Recipient> midnight = resolver.resolve(overload, rotas, contacts, local("2026-12-07T23:00:00"));

        assertThat(noon).containsExactly(
                new Recipient("li", "名li", "13800002", "zh", List.of("wecom", "sms")),
                new Recipient("wu", "名wu", "13800002", "zh", List.of("dingtalk")),
                new Recipient("chen", "名chen", "13800004", "en", List.of("sms")));
        assertThat(midnight).extracting(Recipient::name).containsExactly("night", "wu", "chen");
    }

    @Test
    void unitsWithoutARotaNameNobody() {
        CaseRecord overload = caseOf("02-01", "property", Level.GRID, "gd-1", AT_COMPOUND);

        assertThat(resolver.resolve(overload, Map.of(), Map.of(), NOON_MONDAY)).isEmpty();
    }
}
