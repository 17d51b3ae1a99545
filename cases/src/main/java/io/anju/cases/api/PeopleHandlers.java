package io.anju.cases.api;

import io.anju.cases.model.CaseException;
import io.anju.cases.people.Contact;
import io.anju.cases.people.OnDuty;
import io.anju.cases.people.PeopleApi;
import io.anju.cases.people.PeopleStore;
import io.anju.cases.people.Rota;
import io.anju.cases.people.Shift;
import io.anju.cases.people.UnitKind;
import io.anju.cases.people.UnitRef;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Contacts, unit rotas and who is on duty: for command-centre operators in their scope. */
final class PeopleHandlers {

    /** Body of POST /contacts and PUT /contacts/{name}; {@code enabled} defaults to true. */
    record ContactRequest(String name, String displayName, String phone, String language, List<String> channels,
                          String userName, Boolean enabled) {
        Contact toContact(String nameFromPath) {
            return new Contact(nameFromPath == null ? name : nameFromPath, displayName, phone, language, channels,
                    userName, enabled == null || enabled);
        }
    }

    /** Body of PUT /rotas/{kind}/{unitId}. */
    record RotaRequest(List<Shift> shifts, String fallback) {
    }

    private final PeopleApi people;
    private final Callers callers;

    PeopleHandlers(PeopleApi people, Callers callers) {
        this.people = people;
        this.callers = callers;
    }

    void listContacts(RoutingContext ctx) {
        callers.respond(ctx, 200, who -> {
            people.access().checkCentre(who);
            return PeopleStore.allContacts(people.pool());
        });
    }

    void createContact(RoutingContext ctx) {
        callers.respond(ctx, 201, who -> {
            people.access().checkCentre(who);
            Contact c = RequestReader.body(ctx, ContactRequest.class).toContact(null);
            return PeopleStore.createContact(people.pool(), c, people.clock().instant());
        });
    }

    void updateContact(RoutingContext ctx) {
        callers.respond(ctx, 200, who -> {
            people.access().checkCentre(who);
            Contact c = RequestReader.body(ctx, ContactRequest.class).toContact(path(ctx, "name"));
            return PeopleStore.updateContact(people.pool(), c, people.clock().instant());
        });
    }

    void putRota(RoutingContext ctx) {
        callers.respond(ctx, 200, who -> {
            UnitRef unit = unit(ctx);
            people.access().checkUnit(who, unit);
            RotaRequest body = RequestReader.body(ctx, RotaRequest.class);
            Rota rota = new Rota(unit, body.shifts(), body.fallback());
            rota.checkComplete();
            return PeopleStore.putRota(people.pool(), rota, who.name(), people.clock().instant());
        });
    }

    void getRota(RoutingContext ctx) {
        callers.respond(ctx, 200, who -> {
            UnitRef unit = unit(ctx);
            people.access().checkUnit(who, unit);
            return PeopleStore.rota(people.pool(), unit).map(r -> r.orElseThrow(() ->
                    new CaseException(CaseException.Kind.NOT_FOUND, "no rota for " + unit)));
        });
    }

    void onDuty(RoutingContext ctx) {
        callers.respond(ctx, 200, who -> {
            Map<String, RequestParameter> q = RequestReader.validated(ctx).getQuery();
            UnitRef unit = UnitRef.parse(q.get("unit").getString());
            people.access().checkUnit(who, unit);
            Instant at = at(q.get("at"));
            return PeopleStore.rota(people.pool(), unit).compose(found -> {
                Rota rota = found.orElseThrow(() -> new CaseException(CaseException.Kind.NOT_FOUND,
                        "no rota for " + unit));
                return PeopleStore.contacts(people.pool(), rota.contactNames()).map(contacts -> {
                    OnDuty duty = rota.onDuty(at, contacts);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("unit", unit.toString());
                    body.put("at", at);
                    body.put("contacts", duty.contacts());
                    body.put("fallback", duty.fallback());
                    return body;
                });
            });
        });
    }

    private Instant at(RequestParameter p) {
        if (p == null || p.isNull()) {
            return people.clock().instant();
        }
        try {
            return Instant.parse(p.getString());
        } catch (DateTimeParseException e) {
            throw CaseException.invalid("at must be an ISO-8601 instant such as 2026-12-06T12:00:00Z (was '"
                    + p.getString() + "')");
        }
    }

    private static UnitRef unit(RoutingContext ctx) {
        return new UnitRef(UnitKind.fromWire(path(ctx, "kind")), path(ctx, "unitId"));
    }

    private static String path(RoutingContext ctx, String name) {
        return RequestReader.validated(ctx).getPathParameters().get(name).getString();
    }

}
