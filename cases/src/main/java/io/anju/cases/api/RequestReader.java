package io.anju.cases.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anju.cases.json.CasesJson;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseQuery;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.KpiQuery;
import io.anju.common.alert.Severity;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns a request the contract has already validated into model objects. */
final class RequestReader {
    static final int DEFAULT_LIMIT = 100;

    private RequestReader() {
    }

    static ValidatedRequest validated(RoutingContext ctx) {
        return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    }

    static long caseId(RoutingContext ctx) {
        return ((Number) validated(ctx).getPathParameters().get("id").get()).longValue();
    }

    /** The JSON body as {@code type}; the contract checked its shape, Jackson maps names and wire-name enums. */
    static <T> T body(RoutingContext ctx, Class<T> type) {
        try {
            return CasesJson.mapper().readValue(ctx.body().asString(), type);
        } catch (JsonProcessingException e) {
            throw CaseException.invalid("request body does not match " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    static CaseQuery caseQuery(RoutingContext ctx) {
        Map<String, RequestParameter> q = validated(ctx).getQuery();
        Set<CaseState> states = null;
        JsonArray stateList = present(q, "state") ? q.get("state").getJsonArray() : null;
        if (stateList != null && !stateList.isEmpty()) {
            states = EnumSet.noneOf(CaseState.class);
            for (Object s : stateList) {
                states.add(CaseState.fromWire(String.valueOf(s)));
            }
        }
        Severity minSeverity = present(q, "minSeverity") ? Severity.fromWire(q.get("minSeverity").getString()) : null;
        return new CaseQuery(string(q, "subDistrictId"), string(q, "communityId"), string(q, "gridId"),
                string(q, "compoundId"), string(q, "zoneId"), states, minSeverity, bool(q, "overdue"),
                string(q, "department"), string(q, "category"), bool(q, "open"),
                present(q, "limit") ? number(q, "limit") : DEFAULT_LIMIT, present(q, "offset") ? number(q, "offset") : 0);
    }

    static KpiQuery kpiQuery(RoutingContext ctx) {
        Map<String, RequestParameter> q = validated(ctx).getQuery();
        KpiQuery.KpiGroup group = KpiQuery.KpiGroup.valueOf(q.get("groupBy").getString().toUpperCase(Locale.ROOT));
        Instant from = instant(q, "from");
        Instant to = instant(q, "to");
        if (!from.isBefore(to)) {
            throw CaseException.invalid("from must be before to (were " + from + " and " + to + ")");
        }
        return new KpiQuery(group, from, to);
    }

    private static boolean present(Map<String, RequestParameter> q, String name) {
        RequestParameter p = q.get(name);
        return p != null && !p.isNull();
    }

    private static String string(Map<String, RequestParameter> q, String name) {
        return present(q, name) ? q.get(name).getString() : null;
    }

    private static Boolean bool(Map<String, RequestParameter> q, String name) {
        return present(q, name) ? q.get(name).getBoolean() : null;
    }

    private static int number(Map<String, RequestParameter> q, String name) {
        return ((Number) q.get(name).get()).intValue();
    }

    private static Instant instant(Map<String, RequestParameter> q, String name) {
        String text = q.get(name).getString();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw CaseException.invalid(name + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z (was '"
                    + text + "')");
        }
    }
}
