package io.anju.bench.e2e;

import io.anju.bench.e2e.StopInFlight.Kind;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Times {@code stop_port} → port confirmed off by readings → confirmed in the case, one stop at a time of a case probe
 * charger's stop port ({@link CaseProbe.Charger#stopPort()}), taking turns between the two ways a stop starts:
 * <ul>
 *   <li><b>automatic</b>: the charger's next reading shows smoke with the stop port the hottest
 *   ({@link CaseProbe#smoke}), so the alerting job raises a red {@code fire_risk} and issues its own
 *   {@code stop_port} for that port. Each charger once per run: its fire risk stays open for 10 minutes after the
 *   smoke, and an open alert asks for its stop only once;</li>
 *   <li><b>a person's</b>: {@code POST /api/v1/cases/{id}/commands} for the charger's port-overload case, as the
 *   signed-in district operator.</li>
 * </ul>
 * Timed per stop, all on this machine's clocks: stop issued (the job's {@code stop_port} record on
 * {@code anju.commands}, or the wall clock just before the request) → at the probe charger (the gateway delivered
 * it), and → the job's {@code confirmed} record on
 * {@code anju.command-results}; and alert (the {@code fire_risk} record on {@code anju.alerts}, or the request) → the
 * case's history entry of that confirmation ({@code at}, read back through the API). Then the port is resumed from its
 * case (with an override: the case's alert may be open) and the next turn follows {@code every} later. A stop not
 * confirmed by readings within {@code timeout}, or not in the case within {@code timeout} after that, counts as not
 * confirmed (there, or in the case) and is named in the report. The figures are kept by {@link StopTally}, the
 * records read by {@link StopRecords}.
 */
final class StopProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StopProbe.class);
    static final long TICK_MS = 250;
    /** The case's history is looked at this often once the readings confirmed a stop. */
    static final long CASE_POLL_MS = 1_000;

    private final CaseApi api;
    private final CaseProbe caseProbe;
    private final List<CaseProbe.Charger> chargers;
    private final StopRecords records;
    private final StopTally tally;
    private final long everyMs;
    private final long timeoutMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-stop-probe");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> fireTested = new HashSet<>();
    private volatile boolean measuring;
    private StopInFlight inFlight;
    private long nextAtMs;
    private long lastCasePollMs;
    private int next;
    private Kind nextKind = Kind.AUTOMATIC;

    /** @param caseProbe plays the chargers; those with a stop port take turns */
    StopProbe(String casesUrl, KafkaConnection kafka, CaseProbe caseProbe, List<CaseProbe.Charger> chargers,
              Duration every, Duration timeout) {
        this.api = new CaseApi(casesUrl);
        this.caseProbe = caseProbe;
        this.chargers = chargers.stream().filter(c -> c.stopPort() > 0).toList();
        this.records = new StopRecords(kafka, this::onRecord);
        this.everyMs = every.toMillis();
        this.timeoutMs = timeout.toMillis();
        this.tally = new StopTally(timeoutMs);
    }

    void signIn(String name, String password) throws IOException, InterruptedException {
        api.signIn(name, password);
    }

    /** Reads the stops' records from the topics' ends on, and ticks; stops go out only while measuring. */
    void start() {
        if (chargers.isEmpty()) {
            LOG.warn("stop probe: no probe charger has a port to spare; no stops timed");
            return;
        }
        records.start();
        timer.scheduleWithFixedDelay(this::tickQuietly, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    void measuring(boolean on) {
        measuring = on;
    }

    StopResult result() {
        return tally.result();
    }

    /** A record of the stop in flight (its alert, the job's command, the confirmation), or not ours. */
    synchronized void onRecord(StopRecords.Seen seen) {
        StopInFlight s = inFlight;
        if (s == null) {
            return;
        }
        String device = s.charger.deviceId();
        int port = s.charger.stopPort();
        if (seen instanceof StopRecords.AlertSeen a) {
            if (s.kind == Kind.AUTOMATIC && s.alertId == null && device.equals(a.deviceId())
                    && AlertType.FIRE_RISK.wireName().equals(a.type())
                    && Severity.RED.wireName().equals(a.severity())) {
                s.alertId = a.alertId();
                s.alertAtMs = a.atMs();
            }
        } else if (seen instanceof StopRecords.CommandSeen c) {
            // The job's own first stop names no case; its retries do not either, but come after the first.
            if (s.kind == Kind.AUTOMATIC && s.commandId == null && c.caseId() == null
                    && "stop_port".equals(c.action()) && device.equals(c.deviceId()) && c.port() == port) {
                s.commandId = c.commandId();
                s.issuedAtMs = c.atMs();
            }
        } else if (seen instanceof StopRecords.ConfirmationSeen r) {
            boolean ours = device.equals(r.deviceId()) && r.port() == port && (s.kind == Kind.PERSON
                    ? s.caseId != null && s.caseId.equals(r.caseId())
                    : r.caseId() == null && (s.alertId == null || s.alertId.equals(r.alertId())));
            if (!ours) {
                return;
            }
            switch (r.outcome()) {
                case "confirmed" -> {
                    if (s.confirmedAtMs < 0) {
                        s.confirmedAtMs = r.atMs();
                        s.confirmedByReadingTs = r.readingTs();
                        s.confirmedCommandId = r.commandId();
                    }
                }
                case "retried" -> tally.retried();
                case "withheld" -> s.withheld = true;
                default -> {
                }
            }
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (IOException | RuntimeException e) {
            LOG.debug("stop probe tick failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        StopInFlight s;
        synchronized (this) {
            s = inFlight;
        }
        if (s != null) {
            follow(s, now);
            return;
        }
        if (!measuring || now < nextAtMs) {
            return;
        }
        Kind kind = nextKind;
        CaseProbe.Charger c = kind == Kind.AUTOMATIC ? nextUntested() : null;
        if (c == null) {
            kind = Kind.PERSON; // every charger had its fire, or those left are not back on yet
            c = nextOn();
        }
        if (c == null) {
            return;
        }
        nextKind = kind == Kind.AUTOMATIC ? Kind.PERSON : Kind.AUTOMATIC;
        if (kind == Kind.AUTOMATIC) {
            startAutomatic(c, now);
        } else {
            startPerson(c, now);
        }
    }

    private CaseProbe.Charger nextUntested() {
        return chargers.stream().filter(c -> !fireTested.contains(c.deviceId()) && isOn(c)).findFirst()
                .orElse(null);
    }

    /**
     * The next charger in turn whose stop port is back on, or null when none is. No wait after that: the alerting job
     * confirms a stop only by readings received after the stop's delivery, so readings of the port off from before
     * the resume, still to come while it lags, cannot confirm the next stop (were one to, it is reported as early).
     */
    private CaseProbe.Charger nextOn() {
        for (int i = 0; i < chargers.size(); i++) {
            CaseProbe.Charger c = chargers.get(next++ % chargers.size());
            if (isOn(c)) {
                return c;
            }
        }
        return null;
    }

    private boolean isOn(CaseProbe.Charger c) {
        return caseProbe.stopPortOnSince(c.deviceId()) >= 0;
    }

    private void startAutomatic(CaseProbe.Charger c, long now) {
        fireTested.add(c.deviceId());
        StopInFlight s = new StopInFlight(Kind.AUTOMATIC, c, now);
        synchronized (this) {
            inFlight = s;
            tally.sent(s);
        }
        caseProbe.smoke(c.deviceId());
        LOG.info("stop probe: smoke at {} (port {} the hottest): waiting for the automatic stop", c.deviceId(),
                c.stopPort());
    }

    private void startPerson(CaseProbe.Charger c, long now) throws IOException, InterruptedException {
        Long caseId = api.newestCase(CaseWatcher.PORT_OVERLOAD_CATEGORY, c.deviceId());
        if (caseId == null) {
            return; // its first overload has not made a case yet; the next charger's turn
        }
        StopInFlight s = new StopInFlight(Kind.PERSON, c, System.currentTimeMillis());
        s.caseId = caseId;
        synchronized (this) {
            inFlight = s; // before the request: its confirmation may be read before the answer
        }
        HttpResponse<byte[]> res = command(caseId, c, "stop_port", false);
        synchronized (this) {
            if (res.statusCode() != 202) {
                inFlight = null;
                tally.refused();
                LOG.warn("stop probe: stop of {} port {} answered {}: {}", c.deviceId(), c.stopPort(),
                        res.statusCode(), new String(res.body(), StandardCharsets.UTF_8));
                nextAtMs = now + everyMs;
                return;
            }
            s.commandId = Json.tree(res.body()).path("commandId").asText();
            s.issuedAtMs = s.startedAtMs;
            tally.sent(s);
        }
    }

    /** The stop in flight: confirmed by readings yet, then in the case yet, else given up on; then resumed. */
    private void follow(StopInFlight s, long now) throws IOException, InterruptedException {
        boolean confirmed;
        boolean gaveUp = false;
        String why = null;
        synchronized (this) {
            confirmed = s.confirmedAtMs >= 0;
            if (s.withheld) {
                tally.withheld();
                gaveUp = true;
                why = "withheld by the compound's cap on automatic stops";
            } else if (!confirmed && now - s.startedAtMs >= timeoutMs) {
                gaveUp = true;
                why = "not confirmed by readings within " + timeoutMs / 1000 + " s" + (s.kind == Kind.AUTOMATIC
                        ? (s.alertId == null ? " (no red fire_risk seen)" : s.commandId == null
                        ? " (alert " + s.alertId + ", no stop_port seen)" : " (stop " + s.commandId + ")") : "");
            }
        }
        if (!gaveUp && !confirmed) {
            return;
        }
        if (!gaveUp) {
            if (now - lastCasePollMs < CASE_POLL_MS) {
                return;
            }
            lastCasePollMs = now;
            if (!inCase(s) && now - s.confirmedAtMs < timeoutMs) {
                return;
            }
        }
        synchronized (this) {
            if (gaveUp) {
                tally.missed(s, why);
            } else {
                tally.record(s, caseProbe.stopArrivedAt(s.charger.deviceId()));
            }
            inFlight = null;
            nextAtMs = now + everyMs;
        }
        resume(s);
    }

    /** Whether the case's history has the readings' confirmation; looks the automatic stop's case up first. */
    private boolean inCase(StopInFlight s) throws IOException, InterruptedException {
        if (s.caseId == null) {
            s.caseId = api.newestCase(CaseWatcher.FIRE_RISK_CATEGORY, s.charger.deviceId());
            if (s.caseId == null) {
                return false;
            }
        }
        long at = CaseWatcher.confirmedAt(api.get("/api/v1/cases/" + s.caseId), s.confirmedCommandId);
        synchronized (this) {
            s.inCaseAtMs = at;
        }
        return at >= 0;
    }

    /** Turns the port back on from the stop's case, as a person would, so the next turn starts from a charging port. */
    private void resume(StopInFlight s) throws IOException, InterruptedException {
        Long caseId = s.caseId != null ? s.caseId
                : api.newestCase(CaseWatcher.FIRE_RISK_CATEGORY, s.charger.deviceId());
        if (caseId == null) {
            caseId = api.newestCase(CaseWatcher.PORT_OVERLOAD_CATEGORY, s.charger.deviceId());
        }
        HttpResponse<byte[]> res = caseId == null ? null : command(caseId, s.charger, "resume_port", true);
        if (res == null || res.statusCode() != 202) {
            tally.resumeRefused();
            LOG.warn("stop probe: resume of {} port {} {}", s.charger.deviceId(), s.charger.stopPort(),
                    res == null ? "had no case to go through" : "answered " + res.statusCode() + ": "
                            + new String(res.body(), StandardCharsets.UTF_8));
        }
    }

    private HttpResponse<byte[]> command(long caseId, CaseProbe.Charger c, String action, boolean override)
            throws IOException, InterruptedException {
        String body = "{\"action\":\"" + action + "\",\"deviceId\":" + Json.toString(c.deviceId()) + ",\"port\":"
                + c.stopPort() + ",\"reason\":\"bench stop probe\"" + (override ? ",\"override\":true" : "") + "}";
        return api.post("/api/v1/cases/" + caseId + "/commands", body);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        records.close();
    }
}
