package io.anju.cases.people;

import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * What the HTTP API needs to serve contacts, rotas, on-duty queries and acknowledge links.
 *
 * @param pool         the case database
 * @param access       who may manage which rota
 * @param acknowledger uses acknowledge links
 * @param clock        the service's now (on-duty without {@code at})
 */
public record PeopleApi(Pool pool, RotaAccess access, Acknowledger acknowledger, Clock clock) {
}
