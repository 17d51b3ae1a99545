package io.anju.cases.api;

import io.anju.cases.access.AccessPolicy;
import io.anju.cases.commands.CaseCommands;
import io.anju.cases.commands.CommandRequest;
import io.anju.cases.lifecycle.Lifecycle;
import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseDetail;
import io.anju.cases.model.NewCase;
import io.anju.cases.model.Principal;
import io.anju.cases.model.TransitionRequest;
import io.anju.cases.notify.DeliveryAttempts;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.service.CaseService;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The case endpoints: each reads the validated request, calls the service as the caller, and writes JSON. */
final class CaseHandlers {

    /** Body of POST /cases/{id}/assignment. */
    record AssignmentRequest(String assignee, String note) {
    }

    /** Body of POST /cases/{id}/comments. */
    record CommentRequest(String text, List<String> attachments) {
    }

    private final CaseService cases;
    private final AccessPolicy access;
    private final CategoryTable categories;
    private final Callers callers;

    CaseHandlers(CaseService cases, AccessPolicy access, CategoryTable categories, Callers callers) {
        this.cases = cases;
        this.access = access;
        this.categories = categories;
        this.callers = callers;
    }

    void list(RoutingContext ctx) {
        callers.respond(ctx, 200, who -> cases.list(who, RequestReader.caseQuery(ctx)));
    }

    void report(RoutingContext ctx) {
        callers.respond(ctx, 201, who -> cases.report(who, RequestReader.body(ctx, NewCase.class)));
    }

    void detail(RoutingContext ctx) {
        callers.respond(ctx, 200, who -> cases.detail(who, RequestReader.caseId(ctx))
                .map(d -> view(who, callers.localize(ctx, d))));
    }

    void transition(RoutingContext ctx) {
        callers.respond(ctx, 200, who -> cases.transition(who, RequestReader.caseId(ctx),
                RequestReader.body(ctx, TransitionRequest.class)));
    }

    void assign(RoutingContext ctx) {
        callers.respond(ctx, 200, who -> {
            AssignmentRequest body = RequestReader.body(ctx, AssignmentRequest.class);
            return cases.assign(who, RequestReader.caseId(ctx), body.assignee(), body.note());
        });
    }

    void comment(RoutingContext ctx) {
        callers.respond(ctx, 201, who -> {
            CommentRequest body = RequestReader.body(ctx, CommentRequest.class);
            List<String> attachments = body.attachments() == null ? List.of() : body.attachments();
            return cases.comment(who, RequestReader.caseId(ctx), body.text(), attachments);
        });
    }

    void kpis(RoutingContext ctx) {
        callers.respond(ctx, 200, who -> cases.kpis(who, RequestReader.kpiQuery(ctx)));
    }

    void categories(RoutingContext ctx) {
        callers.respond(ctx, 200, who -> Future.succeededFuture(List.copyOf(categories.all())));
    }

    void me(RoutingContext ctx) {
        callers.respond(ctx, 200, who -> {
            Map<String, Object> me = new LinkedHashMap<>();
            me.put("name", who.name());
            me.put("role", who.role());
            me.put("scope", who.scope().stream().sorted().toList());
            me.put("actions", EnumSet.copyOf(access.actionsOf(who.role())));
            return Future.succeededFuture(me);
        });
    }

    /** The delivery attempts of a case the caller may see (the detail call checks the scope: 404 otherwise). */
    void deliveries(RoutingContext ctx, DeliveryAttempts attempts) {
        callers.respond(ctx, 200, who -> {
            long id = RequestReader.caseId(ctx);
            return cases.detail(who, id).compose(visible -> attempts.ofCase(id)).map(items -> Map.of("items", items));
        });
    }

    /** A charger command for the case: 202 with the command id once Kafka has it and the case's history says so. */
    void command(RoutingContext ctx, CaseCommands commands) {
        callers.respond(ctx, 202, who -> commands.send(who, RequestReader.caseId(ctx),
                RequestReader.body(ctx, CommandRequest.class)));
    }

    void events(RoutingContext ctx, EventsEndpoint endpoint) {
        callers.of(ctx).onSuccess(who -> endpoint.handle(ctx, who)).onFailure(ctx::fail);
    }

    /** Actions the caller could take now: possible from the state, and allowed for the role. */
    Set<CaseAction> allowedActions(Principal who, CaseDetail detail) {
        Set<CaseAction> actions = EnumSet.noneOf(CaseAction.class);
        actions.addAll(Lifecycle.actionsFrom(detail.caseRecord().state(), detail.caseRecord().response()));
        actions.retainAll(access.actionsOf(who.role()));
        return actions;
    }

    private Map<String, Object> view(Principal who, CaseDetail detail) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("case", detail.caseRecord());
        view.put("history", detail.history());
        view.put("allowedActions", allowedActions(who, detail));
        return view;
    }

}
