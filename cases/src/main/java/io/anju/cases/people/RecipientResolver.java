package io.anju.cases.people;

import io.anju.cases.model.CaseRecord;
import io.anju.cases.notify.Recipient;
import io.anju.cases.routing.Category;
import io.anju.cases.routing.CategoryTable;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is told about a case: the people on duty now for the unit that owns it (its assigned unit at its level), for
 * its responsible department, and, for cases about a compound's chargers, buildings, gates and devices, for the
 * compound's property office when that compound keeps a rota. Each person is named once, in that order.
 */
public final class RecipientResolver {
    /** Category groups whose cases the compound's property office answers for. */
    public static final Set<String> COMPOUND_GROUPS = Set.of("charger", "building", "gate", "device");

    /** The rotas and contacts read for one list of units. */
    private record People(Map<UnitRef, Rota> rotas, Map<String, Contact> contacts) {
    }

    private final CategoryTable categories;
    /** What was read per list of units, when this resolver serves one transaction; null otherwise. */
    private final Map<List<UnitRef>, Future<People>> read;

    public RecipientResolver(CategoryTable categories) {
        this(categories, null);
    }

    private RecipientResolver(CategoryTable categories, Map<List<UnitRef>, Future<People>> read) {
        this.categories = categories;
        this.read = read;
    }

    /**
     * A resolver for one transaction, which reads the rotas and contacts of each list of units once: the cases of an
     * intake batch mostly share their units. Who is on duty is still worked out at each call's time.
     */
    public RecipientResolver remembering() {
        return new RecipientResolver(categories, new ConcurrentHashMap<>());
    }

    /** The units whose rotas name the recipients of {@code c}, most responsible first. */
    public List<UnitRef> unitsFor(CaseRecord c) {
        Set<UnitRef> units = new LinkedHashSet<>();
        if (c.assignedLevel() != null && c.assignedUnit() != null) {
            units.add(new UnitRef(UnitKind.of(c.assignedLevel()), c.assignedUnit()));
        }
        if (c.department() != null) {
            units.add(new UnitRef(UnitKind.DEPARTMENT, c.department()));
        }
        String group = categories.byCode(c.categoryCode()).map(Category::group).orElse(null);
        String compound = c.location() == null ? null : c.location().compoundId();
        if (compound != null && COMPOUND_GROUPS.contains(group)) {
            units.add(new UnitRef(UnitKind.COMPOUND, compound));
        }
        return List.copyOf(units);
    }

    /** The recipients of {@code c} at {@code at}, from the rotas and contacts given. */
    public List<Recipient> resolve(CaseRecord c, Map<UnitRef, Rota> rotas, Map<String, Contact> contacts, Instant at) {
        Map<String, Recipient> named = new LinkedHashMap<>();
        for (UnitRef unit : unitsFor(c)) {
            Rota rota = rotas.get(unit);
            if (rota != null) {
                rota.onDuty(at, contacts).contacts().forEach(p -> named.putIfAbsent(p.name(), p.recipient()));
            }
        }
        return List.copyOf(named.values());
    }

    /** Reads the rotas and contacts the case needs (inside the caller's transaction) and resolves. */
    public Future<List<Recipient>> resolve(SqlClient db, CaseRecord c, Instant at) {
        List<UnitRef> units = unitsFor(c);
        Future<People> people = read == null ? people(db, units) : read.computeIfAbsent(units, u -> people(db, u));
        return people.map(p -> p.rotas().isEmpty() ? List.of() : resolve(c, p.rotas(), p.contacts(), at));
    }

    private static Future<People> people(SqlClient db, List<UnitRef> units) {
        return PeopleStore.rotas(db, units).compose(rotas -> {
            if (rotas.isEmpty()) {
                return Future.succeededFuture(new People(Map.of(), Map.of()));
            }
            Collection<String> names = new ArrayList<>();
            rotas.values().forEach(r -> names.addAll(r.contactNames()));
            return PeopleStore.contacts(db, names).map(contacts -> new People(rotas, contacts));
        });
    }
}
