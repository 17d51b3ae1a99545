package io.anju.cases.commands;

import io.anju.cases.access.AccessPolicy;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.Principal;
import io.anju.cases.store.CaseRows;
import io.anju.cases.store.CaseSql;
import io.anju.cases.store.EventSql;
import io.anju.cases.store.NewEvent;
import io.anju.common.command.DeviceCommand;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Charger commands people send for a case ({@code POST /api/v1/cases/{id}/commands}, docs/cases.md "Charger commands
 * for a case"): checks who may send what to which charger, guards a resume, puts the command on {@code anju.commands}
 * and audits it in the case. The command carries the case's alert id and the case's id, and its {@code request} row
 * names the case, so the gateway's delivery reports, the device's reply and the job's confirmations join the case's
 * history through {@link CommandOutcomes}, for a case reported by hand (no alert) too.
 *
 * <p>The history entries ({@code command}: issued or refused; {@code command_override}: the guards an operator
 * overrode) are written in a transaction that holds the case's row until Kafka acknowledged the command, so a command
 * Kafka does not take leaves no entry, and no outcome of the command can be filed before its {@code issued} entry.
 */
public final class CaseCommands implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaseCommands.class);
    /** History entry kinds. */
    public static final String OVERRIDE_KIND = CaseEvent.KIND_COMMAND_OVERRIDE;
    /** The {@code source} of the entries written here (the outcomes' sources are delivery, reply, confirmation). */
    public static final String SOURCE = "request";
    static final int MAX_REASON_CHARS = 200;

    /** What the API answers: the command sent, and the guards it was sent despite (operators' overrides). */
    public record Issued(String commandId, String action, String deviceId, int port, List<String> overridden) {
    }

    private final Pool pool;
    private final AccessPolicy access;
    private final Supplier<Registry> registry;
    private final ResumeGuards guards;
    private final CommandPublisher publisher;
    private final CommandSettings settings;
    private final CommandMetrics metrics;
    private final Clock clock;
    private final PortTemperatures temperatures;

    public CaseCommands(Pool pool, AccessPolicy access, Supplier<Registry> registry, PortTemperatures temperatures,
                        CommandPublisher publisher, CommandSettings settings, MeterRegistry meters, Clock clock) {
        this.pool = pool;
        this.access = access;
        this.registry = registry;
        this.temperatures = temperatures;
        this.guards = new ResumeGuards(new StopAlerts(pool), temperatures);
        this.publisher = publisher;
        this.settings = settings;
        this.metrics = new CommandMetrics(meters);
        this.clock = clock;
    }

    public Future<Issued> send(Principal who, long caseId, CommandRequest request) {
        return CaseSql.byId(pool, caseId, false).compose(row -> {
            CaseRecord c = row.map(CaseRows::toRecord).orElseThrow(() -> CaseException.notFound(caseId));
            access.checkCanSee(who, c);
            if (!access.mayCommand(who)) {
                throw CommandRefusedException.forbidden("command_forbidden", "a " + who.role().wireName()
                        + " may not send charger commands; the property manager of the compound and command-centre "
                        + "operators may", who.role());
            }
            checkRequest(who, request);
            Device device = chargerOfCase(c, request);
            if (!DeviceCommand.RESUME_PORT.equals(request.action())) {
                return issue(who, c, device, request, List.of());
            }
            return guards.check(c, device.id(), request.port()).compose(found -> found.isEmpty() || request.overriding()
                    ? issue(who, c, device, request, found) : refuse(who, c, device, request, found));
        });
    }

    private void checkRequest(Principal who, CommandRequest r) {
        if (!DeviceCommand.STOP_PORT.equals(r.action()) && !DeviceCommand.RESUME_PORT.equals(r.action())) {
            throw CommandRefusedException.invalid("bad_action", "action must be stop_port or resume_port (was "
                    + r.action() + ")", r.action());
        }
        if (r.reasonText().length() > MAX_REASON_CHARS) {
            throw CommandRefusedException.invalid("reason_too_long", "reason must be at most " + MAX_REASON_CHARS
                    + " characters", MAX_REASON_CHARS);
        }
        if (!r.overriding()) {
            return;
        }
        if (!DeviceCommand.RESUME_PORT.equals(r.action())) {
            throw CommandRefusedException.invalid("override_not_applicable", "override applies to resume_port only; "
                    + "a stop has no guards");
        }
        if (!access.mayOverrideGuards(who)) {
            throw CommandRefusedException.forbidden("override_forbidden", "a " + who.role().wireName()
                    + " may not override the resume guards; only a command-centre operator may", who.role());
        }
        if (r.reasonText().isEmpty()) {
            throw CommandRefusedException.invalid("reason_required", "an override needs a reason");
        }
    }

    /**
     * The charging station the command is for, if the case is about it: the case's own station when the case names
     * one, else a station of the case's compound.
     */
    private Device chargerOfCase(CaseRecord c, CommandRequest r) {
        Device d = registry.get().device(r.deviceId()).filter(x -> x.type() == DeviceType.CHARGER).orElseThrow(() ->
                CommandRefusedException.invalid("unknown_device", "no charging station " + r.deviceId(), r.deviceId()));
        int ports = d.charger() == null ? 0 : d.charger().ports();
        if (r.port() < 1 || r.port() > ports) {
            throw CommandRefusedException.invalid("bad_port", d.id() + " has ports 1–" + ports + " (was " + r.port()
                    + ")", d.id(), ports, r.port());
        }
        boolean caseNamesCharger = c.deviceId() != null && registry.get().device(c.deviceId())
                .filter(x -> x.type() == DeviceType.CHARGER).isPresent();
        if (caseNamesCharger && !c.deviceId().equals(d.id())) {
            throw CommandRefusedException.invalid("wrong_device", "case " + c.caseNo() + " is about charging station "
                    + c.deviceId() + ", not " + d.id(), d.id(), c.caseNo());
        }
        String compound = c.location() == null ? null : c.location().compoundId();
        if (!caseNamesCharger && (compound == null || !compound.equals(d.location().compoundId()))) {
            throw CommandRefusedException.invalid("wrong_device", "charging station " + d.id() + " is not at the place "
                    + "of case " + c.caseNo() + (compound == null ? " (the case is not about a compound)"
                    : " (compound " + compound + ")"), d.id(), c.caseNo());
        }
        return d;
    }

    private Future<Issued> issue(Principal who, CaseRecord c, Device device, CommandRequest r, List<Guard> overridden) {
        DeviceCommand command = new DeviceCommand(device.id(), UUID.randomUUID().toString(), clock.millis(),
                r.action(), r.port(), null, "case " + c.caseNo() + " by " + who.name()
                + (r.reasonText().isEmpty() ? "" : ": " + r.reasonText()), c.alertId(), c.id(),
                settings.ttl().toMillis());
        Instant now = clock.instant();
        return pool.withTransaction(tx -> locked(tx, c.id())
                        .compose(v -> overridden.isEmpty() ? Future.succeededFuture()
                                : EventSql.insert(tx, c.id(), now, NewEvent.worded(who, OVERRIDE_KIND,
                                overrideData(command, r, overridden))))
                        .compose(v -> EventSql.insert(tx, c.id(), now, NewEvent.worded(who, CommandOutcomes.EVENT_KIND,
                                data(command, r, "issued", overridden))))
                        .compose(issued -> CommandOutcomes.issued(tx, command, issued.seq(), now))
                        .compose(v -> publisher.publish(command)
                                .recover(e -> Future.failedFuture(kafkaDown(command, e)))))
                .map(v -> {
                    metrics.request(r.action(), overridden.isEmpty() ? "sent" : "overridden");
                    LOG.info("{} {} for {}#{} (case {}) sent by {}{}", command.action(), command.id(), device.id(),
                            r.port(), c.caseNo(), who.name(), overridden.isEmpty() ? ""
                                    : " overriding " + overridden.stream().map(Guard::code).toList());
                    return new Issued(command.id(), r.action(), device.id(), r.port(),
                            overridden.stream().map(Guard::code).toList());
                });
    }

    /** Audits the refused resume in the case, then answers 409 naming the guards. */
    private Future<Issued> refuse(Principal who, CaseRecord c, Device device, CommandRequest r, List<Guard> found) {
        Map<String, Object> data = about(r.action(), r.port(), device.id());
        data.put("source", SOURCE);
        data.put("outcome", "refused");
        data.put("code", found.get(0).code());
        data.put("guards", found.stream().map(Guard::asData).toList());
        NewEvent refused = NewEvent.worded(who, CommandOutcomes.EVENT_KIND, data);
        Instant now = clock.instant();
        return pool.withTransaction(tx -> locked(tx, c.id()).compose(v -> EventSql.insert(tx, c.id(), now, refused)))
                .compose(v -> {
                    metrics.request(r.action(), "refused");
                    return Future.failedFuture(CommandRefusedException.guarded(found));
                });
    }

    private CommandRefusedException kafkaDown(DeviceCommand command, Throwable e) {
        metrics.request(command.action(), "failed");
        LOG.warn("{} {} for {}#{} not sent: {}", command.action(), command.id(), command.deviceId(), command.port(),
                e.toString());
        return CommandRefusedException.unavailable("the command could not be put on Kafka; nothing was sent to the "
                + "device and nothing recorded; try again");
    }

    /** Locks the case's row, so the entries of one case are written one writer at a time. */
    private static Future<Void> locked(SqlConnection tx, long caseId) {
        return CaseSql.byId(tx, caseId, true).map(row -> {
            row.orElseThrow(() -> CaseException.notFound(caseId));
            return null;
        });
    }

    private static Map<String, Object> data(DeviceCommand command, CommandRequest r, String outcome,
                                            List<Guard> overridden) {
        Map<String, Object> d = about(command);
        d.put("source", SOURCE);
        d.put("outcome", outcome);
        if (!r.reasonText().isEmpty()) {
            d.put("reason", r.reasonText());
        }
        if (command.alertId() != null) {
            d.put("alertId", command.alertId());
        }
        d.put("ttlMs", command.ttlMs());
        if (!overridden.isEmpty()) {
            d.put("overridden", overridden.stream().map(Guard::code).toList());
        }
        d.put("at", command.ts());
        return d;
    }

    private static Map<String, Object> overrideData(DeviceCommand command, CommandRequest r, List<Guard> overridden) {
        Map<String, Object> d = about(command);
        d.put("reason", r.reasonText());
        d.put("guards", overridden.stream().map(Guard::asData).toList());
        return d;
    }

    /** The entry data every command entry starts with: which command, what it does to which port. */
    private static Map<String, Object> about(DeviceCommand command) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("commandId", command.id());
        d.putAll(about(command.action(), command.port(), command.deviceId()));
        return d;
    }

    private static Map<String, Object> about(String action, int port, String deviceId) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("action", action);
        d.put("port", port);
        d.put("deviceId", deviceId);
        return d;
    }

    /** Stops the Kafka producer (after sending what it holds) and the time-series client. */
    @Override
    public void close() {
        publisher.close();
        temperatures.close();
    }
}
