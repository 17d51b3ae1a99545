package io.anju.cases.kpi;

import io.anju.cases.access.ScopeRule;
import io.anju.cases.model.KpiQuery;
import io.anju.cases.model.KpiRow;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/** Computes the grid-management KPIs of the cases a scope may see (the service checks who may ask). */
public interface KpiSource {

    Future<List<KpiRow>> compute(ScopeRule scope, KpiQuery query, Instant now);
}
