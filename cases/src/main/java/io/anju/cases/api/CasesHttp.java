package io.anju.cases.api;

import io.anju.cases.access.AccessPolicy;
import io.anju.cases.auth.TokenService;
import io.anju.cases.auth.UserStore;
import io.anju.cases.commands.CaseCommands;
import io.anju.cases.devices.DeviceRegistry;
import io.anju.cases.devices.bulk.DeviceImporter;
import io.anju.cases.diagnostics.DiagnosticsStore;
import io.anju.cases.twin.DeviceTwins;
import io.anju.cases.people.PeopleApi;
import io.anju.cases.notify.DeliveryAttempts;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.service.CaseService;
import io.anju.cases.text.CaseTexts;
import io.anju.common.http.MethodTag;
import io.anju.common.http.MetricsAccess;
import io.anju.common.http.SecurityHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP API of the case system, built from the OpenAPI contract ({@code openapi/cases.yaml}): the contract names
 * the operations, validates every request (400 with the validator's message) and requires a bearer token on all of
 * them but login (401). Handlers call {@link CaseService} as the signed-in caller. Beside the contract: GET /health,
 * GET /metrics (Prometheus; callers on this host or with the metrics token) and GET /openapi.yaml, without sign-in.
 * Every answer carries the security headers. The caller starts the HTTP server with the router.
 */
public final class CasesHttp {
    private static final String IMPORT_PATH = "/api/v1/devices/import";
    private static final String BEARER = "Bearer ";
    public static final String CONTRACT = "openapi/cases.yaml";

    private final Vertx vertx;
    private final UserStore users;
    private final TokenService tokens;
    private final PrometheusMeterRegistry metrics;
    private final ApiSettings settings;
    private final CaseService cases;
    private final AccessPolicy access;
    private final CategoryTable categories;
    private final OpsHandlers ops;
    private final String contractText;
    private EventsEndpoint events;
    private PeopleApi people;
    private DeliveryAttempts deliveries;
    private CaseTexts texts = new CaseTexts(() -> null);
    private CaseCommands commands;
    private DeviceRegistry devices;
    private DiagnosticsStore diagnostics;
    private DeviceTwins twins;
    private MetricsAccess metricsAccess = MetricsAccess.of("");

    public CasesHttp(Vertx vertx, CaseService cases, UserStore users, TokenService tokens, AccessPolicy access,
                     CategoryTable categories, PrometheusMeterRegistry metrics, HealthChecks health,
                     ApiSettings settings) {
        this.vertx = vertx;
        this.users = users;
        this.tokens = tokens;
        this.metrics = metrics;
        this.settings = settings;
        this.cases = cases;
        this.access = access;
        this.categories = categories;
        this.contractText = ContractLoader.text(CONTRACT);
        this.ops = new OpsHandlers(metrics, health, contractText, () -> metricsAccess);
    }

    public CasesHttp(Vertx vertx, CaseService cases, UserStore users, TokenService tokens, AccessPolicy access,
                     CategoryTable categories, PrometheusMeterRegistry metrics, HealthChecks health) {
        this(vertx, cases, users, tokens, access, categories, metrics, health, ApiSettings.defaults());
    }

    /** Serves GET /api/v1/events with {@code endpoint} (until set, that operation answers 503). Call before {@link #router()}. */
    public CasesHttp events(EventsEndpoint endpoint) {
        this.events = endpoint;
        return this;
    }

    /** Serves contacts, rotas, on-duty and acknowledge links with {@code api}. Call before {@link #router()}. */
    public CasesHttp people(PeopleApi api) {
        this.people = api;
        return this;
    }

    /** Serves GET /api/v1/cases/{id}/deliveries from {@code attempts} (until set, it answers 503). Call before {@link #router()}. */
    public CasesHttp deliveries(DeliveryAttempts attempts) {
        this.deliveries = attempts;
        return this;
    }

    /** Renders case titles and history in each reader's language with {@code texts} (until set, places are named by id). */
    public CasesHttp texts(CaseTexts texts) {
        this.texts = texts;
        return this;
    }

    /** Serves POST /api/v1/cases/{id}/commands with {@code caseCommands} (until set, it answers 503). Call before {@link #router()}. */
    public CasesHttp commands(CaseCommands caseCommands) {
        this.commands = caseCommands;
        return this;
    }

    /** Serves the device registry (/api/v1/devices…, /api/v1/device-changes) with {@code registry}. Call before {@link #router()}. */
    public CasesHttp devices(DeviceRegistry registry) {
        this.devices = registry;
        return this;
    }

    /** Serves GET /api/v1/devices/{id}/diagnostics from {@code store} (until set, it answers 503). Call before {@link #router()}. */
    public CasesHttp diagnostics(DiagnosticsStore store) {
        this.diagnostics = store;
        return this;
    }

    /** Serves GET /api/v1/devices/{id}/twin from {@code twins} (until set, it answers 503). Call before {@link #router()}. */
    public CasesHttp twins(DeviceTwins twins) {
        this.twins = twins;
        return this;
    }

    /** Who may read /metrics (until set, callers on this host only). Call before {@link #router()}. */
    public CasesHttp metricsAccess(MetricsAccess access) {
        this.metricsAccess = access;
        return this;
    }

    public Future<Router> router() {
        return OpenAPIContract.from(vertx, ContractLoader.forRouter(contractText)).map(this::build);
    }

    private Router build(OpenAPIContract contract) {
        // The body handler reads the body (with a size limit); the validator then takes it from the context.
        RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
        // Vert.x Web wants the body handler before any user handler on a route.
        builder.rootHandler(bodies());
        builder.rootHandler(this::tagRequest);
        builder.rootHandler(ctx -> {
            SecurityHeaders.apply(ctx.response(), SecurityHeaders.API_POLICY);
            ctx.next();
        });
        builder.security("bearerAuth").httpHandler(JWTAuthHandler.create(tokens.provider()));

        Callers callers = new Callers(tokens, users, texts);
        CaseHandlers caseHandlers = new CaseHandlers(cases, access, categories, callers);
        Counter loginFailures = Counter.builder("anju.cases.login.failures")
                .description("failed sign-ins (wrong name or password)").register(metrics);
        Counter loginThrottled = Counter.builder("anju.cases.login.throttled")
                .description("sign-ins refused unchecked: a locked name and source, a locked source, or the budget "
                        + "of checks per second spent").register(metrics);
        LoginThrottle throttle = new LoginThrottle(settings, Clock.systemUTC());
        Map<String, Handler<RoutingContext>> operations = Map.of(
                "login", new LoginHandler(users, tokens, throttle, new SignInSource(settings.trustedProxies()),
                        loginFailures::increment, loginThrottled::increment),
                "me", caseHandlers::me,
                "listCases", caseHandlers::list,
                "reportCase", caseHandlers::report,
                "getCase", caseHandlers::detail,
                "transitionCase", caseHandlers::transition,
                "assignCase", caseHandlers::assign,
                "commentCase", caseHandlers::comment,
                "kpis", caseHandlers::kpis,
                "categories", caseHandlers::categories);
        operations.forEach((id, handler) -> builder.getRoute(id).addHandler(handler));
        if (events != null) {
            EventsEndpoint endpoint = events;
            builder.getRoute("events").addHandler(ctx -> caseHandlers.events(ctx, endpoint));
        }
        if (people != null) {
            PeopleHandlers p = new PeopleHandlers(people, callers);
            AckHandlers ack = new AckHandlers(people.acknowledger());
            Map.<String, Handler<RoutingContext>>of(
                    "listContacts", p::listContacts,
                    "createContact", p::createContact,
                    "updateContact", p::updateContact,
                    "putRota", p::putRota,
                    "getRota", p::getRota,
                    "onDuty", p::onDuty,
                    "ackPage", ack::page,
                    "ackConfirm", ack::confirm).forEach((id, handler) -> builder.getRoute(id).addHandler(handler));
        }
        if (deliveries != null) {
            DeliveryAttempts attempts = deliveries;
            builder.getRoute("caseDeliveries").addHandler(ctx -> caseHandlers.deliveries(ctx, attempts));
        }

        if (commands != null) {
            CaseCommands c = commands;
            builder.getRoute("caseCommand").addHandler(ctx -> caseHandlers.command(ctx, c));
        }

        if (devices != null) {
            DeviceHandlers d = new DeviceHandlers(devices, access, callers);
            Map.<String, Handler<RoutingContext>>of(
                    "listDevices", d::list,
                    "addDevice", d::add,
                    "getDevice", d::get,
                    "disableDevice", d::disable,
                    "enableDevice", d::enable,
                    "moveDevice", d::move,
                    "rotateDeviceSecret", d::rotateSecret,
                    "importDevices", d::importDevices,
                    "deviceChanges", d::changes).forEach((id, handler) -> builder.getRoute(id).addHandler(handler));
            if (diagnostics != null) {
                DiagnosticsStore store = diagnostics;
                builder.getRoute("deviceDiagnostics").addHandler(ctx -> d.diagnostics(ctx, store));
            }
            if (twins != null) {
                DeviceTwins kept = twins;
                builder.getRoute("deviceTwin").addHandler(ctx -> d.twin(ctx, kept));
            }
        }

        Router router = builder.createRouter();
        router.get("/health").handler(ops::health);
        router.get("/metrics").handler(ops::metrics);
        router.get("/openapi.yaml").handler(ops::openapi);
        router.route().failureHandler(new ApiErrors());
        router.errorHandler(404, ctx -> HttpJson.error(ctx, 404, "not_found", "no such resource"));
        router.errorHandler(405, ctx -> HttpJson.error(ctx, 405, "invalid", "method not allowed here"));
        return router;
    }

    /**
     * Bodies up to {@code api.maxBodyBytes}; a device import up to {@link DeviceImporter#MAX_BYTES}, and only from a
     * caller whose bearer token is valid, checked before a byte of the body is read: otherwise anyone could make the
     * service hold 16 MiB per request.
     */
    private Handler<RoutingContext> bodies() {
        BodyHandler usual = BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes());
        BodyHandler imports = BodyHandler.create(false).setBodyLimit(Math.max(settings.maxBodyBytes(),
                DeviceImporter.MAX_BYTES));
        return ctx -> {
            if (!IMPORT_PATH.equals(ctx.normalizedPath())) {
                usual.handle(ctx);
                return;
            }
            String auth = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (auth == null || !auth.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                HttpJson.error(ctx, 401, "unauthorized", "sign in first: a device import needs a bearer token");
                return;
            }
            tokens.verify(auth.substring(BEARER.length()).trim()).onComplete(verified -> {
                if (verified.succeeded()) {
                    imports.handle(ctx);
                } else {
                    HttpJson.error(ctx, 401, "unauthorized", "the bearer token is not valid (sign in again)");
                }
            });
        };
    }

    /** Gives every request an id (logged with failures, echoed in X-Request-Id) and times it. */
    private void tagRequest(RoutingContext ctx) {
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        ctx.put(HttpJson.REQUEST_ID, id);
        ctx.response().putHeader("X-Request-Id", id);
        long started = System.nanoTime();
        ctx.addBodyEndHandler(v -> Timer.builder("anju.cases.http.requests")
                .tag("method", MethodTag.of(ctx.request().method().name()))
                .tag("status", Integer.toString(ctx.response().getStatusCode()))
                .register(metrics)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        ctx.next();
    }
}
