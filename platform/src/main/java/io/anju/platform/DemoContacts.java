package io.anju.platform;

import io.anju.cases.auth.cli.UserDemoCommand.DemoUser;
import io.anju.cases.model.CaseException;
import io.anju.cases.people.Contact;
import io.anju.cases.people.PeopleApi;
import io.anju.cases.people.PeopleStore;
import io.anju.cases.people.Rota;
import io.anju.cases.people.Shift;
import io.anju.cases.people.UnitKind;
import io.anju.cases.people.UnitRef;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Names a person on duty for each demo user's unit, around the clock, so every demo notice names its recipients and
 * a text message carries their acknowledge links. Each demo user is also a contact with a made-up mobile number
 * (reaching a phone needs an SMS gateway: {@code --cases notify.sms.url=…}). A second run leaves existing contacts.
 */
final class DemoContacts {
    private static final Logger LOG = LoggerFactory.getLogger(DemoContacts.class);
    private static final long TIMEOUT_S = 60;
    /** The street emergency team is a department: it answers for crowds and the street's counters. */
    private static final String STREET_EMERGENCY = "street_emergency";

    private DemoContacts() {
    }

    static void provision(PeopleApi people, List<DemoUser> team) throws Exception {
        int added = 0;
        for (int i = 0; i < team.size(); i++) {
            DemoUser u = team.get(i);
            Contact contact = new Contact(u.name(), u.displayName(), "+86138000%05d".formatted(i + 1), "zh",
                    List.of("sms", "sse"), u.name(), true);
            if (await(PeopleStore.createContact(people.pool(), contact, people.clock().instant())
                    .map(true).recover(err -> alreadyThere(err) ? Future.succeededFuture(false)
                            : Future.failedFuture(err)))) {
                added++;
            }
            Rota rota = new Rota(unitOf(u), List.of(new Shift(Shift.DAY_NAMES, "00:00", "00:00", u.name())), null);
            await(PeopleStore.putRota(people.pool(), rota, "platform", people.clock().instant()));
        }
        LOG.info("demo contacts: {} added, {} there already; each is on duty for their unit around the clock", added,
                team.size() - added);
    }

    private static UnitRef unitOf(DemoUser u) {
        return switch (u.role()) {
            case DISTRICT_OPERATOR -> new UnitRef(UnitKind.DISTRICT, u.scope());
            case SUB_DISTRICT_OPERATOR -> new UnitRef(UnitKind.SUB_DISTRICT, u.scope());
            case COMMUNITY_OPERATOR -> new UnitRef(UnitKind.COMMUNITY, u.scope());
            case GRID_WORKER -> new UnitRef(UnitKind.GRID, u.scope());
            case PROPERTY_MANAGER -> new UnitRef(UnitKind.COMPOUND, u.scope());
            case EMERGENCY_MANAGER -> new UnitRef(UnitKind.DEPARTMENT, STREET_EMERGENCY);
            case DEPARTMENT_RESPONDER -> new UnitRef(UnitKind.DEPARTMENT, u.scope());
            // Vendors are no part of the demo team: they are on duty for no unit.
            case VENDOR -> throw new IllegalArgumentException("a vendor keeps no rota: " + u.name());
        };
    }

    private static boolean alreadyThere(Throwable err) {
        return err instanceof CaseException e && e.kind() == CaseException.Kind.CONFLICT;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
