/**
 * What the HTTP services share about their listeners and their answers: TLS from PEM files, idle and header
 * deadlines and a connection cap ({@link io.anju.common.http.HttpListener}), the security headers, who may read
 * {@code /metrics}, and the bounded method tag of request metrics. The Vert.x parts need vertx-core, which this
 * module declares optional: the services that listen with Vert.x (cases, dashboards) bring it.
 */
package io.anju.common.http;
