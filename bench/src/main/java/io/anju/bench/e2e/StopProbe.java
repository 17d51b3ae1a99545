package io.anju.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.json.Json;
import io.anju.common.topic.KafkaConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * confirmed (there, or in the case) and is named in the report.
 */
final class StopProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StopProbe.class);
    static final long TICK_MS = 250;
    /** The case's history is looked at this often once the readings confirmed a stop. */
    static final long CASE_POLL_MS = 1_000;

    /** How a stop started. */
    enum Kind { AUTOMATIC, PERSON }

    /**
     * The stops of one kind sent while measuring.
     *
     * @param toChargerMs  stop issued → at the probe charger (its command topic), ms
     * @param toReadingsMs stop issued → confirmed by readings, ms
     * @param toCaseMs     alert (automatic) or request (a person's) → the confirmation in the case's history, ms
     */
    record Figures(int sent, Distribution toChargerMs, Distribution toReadingsMs, Distribution toCaseMs) {
    }

    /**
     * What the probe saw while measuring.
     *
     * @param missed   each stop not confirmed (by readings, or in the case) in words, for the report
     * @param early    each stop confirmed by a reading from before it reached the charger, in words (left out of
     *                 the figures)
     * @param retried  {@code retried} confirmations (the first stop did not show in the readings within the job's bound)
     * @param refused  people's stops the case service did not take
     * @param withheld automatic stops the compound's cap held
     */
    record Result(Figures automatic, Figures person, List<String> missed, List<String> early, int retried,
                  int refused, int withheld, int resumesRefused) {
        int sent() {
            return automatic.sent() + person.sent();
        }

        int confirmedInCase() {
            return automatic.toCaseMs().n() + person.toCaseMs().n();
        }
    }

    /** The stop in flight; written by the tick and the record reader under the probe's lock. */
    private static final class Stop {
        final Kind kind;
        final CaseProbe.Charger charger;
        final long startedAtMs;
        Long caseId;
        String alertId;
        long alertAtMs = -1;
        String commandId;
        long issuedAtMs = -1;
        String confirmedCommandId;
        long confirmedAtMs = -1;
        long confirmedByReadingTs = -1;
        long inCaseAtMs = -1;
        boolean withheld;

        Stop(Kind kind, CaseProbe.Charger charger, long startedAtMs) {
            this.kind = kind;
            this.charger = charger;
            this.startedAtMs = startedAtMs;
        }

        String describe() {
            return (kind == Kind.AUTOMATIC ? "automatic stop" : "a person's stop") + " of " + charger.deviceId()
                    + " port " + charger.stopPort() + (caseId == null ? "" : " (case " + caseId + ")");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final CaseProbe caseProbe;
    private final List<CaseProbe.Charger> chargers;
    private final StopRecords records;
    private final long everyMs;
    private final long timeoutMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-stop-probe");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> fireTested = new HashSet<>();
    private final List<Double> autoToCharger = new ArrayList<>();
    private final List<Double> personToCharger = new ArrayList<>();
    private final List<Double> autoToReadings = new ArrayList<>();
    private final List<Double> autoToCase = new ArrayList<>();
    private final List<Double> personToReadings = new ArrayList<>();
    private final List<Double> personToCase = new ArrayList<>();
    private final List<String> missed = new ArrayList<>();
    private final List<String> early = new ArrayList<>();
    private volatile String token;
    private volatile boolean measuring;
    private Stop inFlight;
    private long nextAtMs;
    private long lastCasePollMs;
    private int next;
    private Kind nextKind = Kind.AUTOMATIC;
    private int autoSent;
    private int personSent;
    private int retried;
    private int refused;
    private int withheld;
    private int resumesRefused;

    /** @param caseProbe plays the chargers; those with a stop port take turns */
    StopProbe(String casesUrl, KafkaConnection kafka, CaseProbe caseProbe, List<CaseProbe.Charger> chargers,
              Duration every, Duration timeout) {
        this.baseUrl = casesUrl.replaceAll("/+$", "");
        this.caseProbe = caseProbe;
        this.chargers = chargers.stream().filter(c -> c.stopPort() > 0).toList();
        this.records = new StopRecords(kafka, this::onRecord);
        this.everyMs = every.toMillis();
        this.timeoutMs = timeout.toMillis();
    }

    void signIn(String name, String password) throws IOException, InterruptedException {
        String body = "{\"name\":" + Json.toString(name) + ",\"password\":" + Json.toString(password) + "}";
        HttpResponse<byte[]> res = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (res.statusCode() != 200) {
            throw new IOException("case service sign-in as " + name + " answered " + res.statusCode());
        }
        token = Json.tree(res.body()).path("token").asText();
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

    synchronized Result result() {
        return new Result(new Figures(autoSent, dist(autoToCharger), dist(autoToReadings), dist(autoToCase)),
                new Figures(personSent, dist(personToCharger), dist(personToReadings), dist(personToCase)), List.copyOf(missed),
                List.copyOf(early), retried,
                refused, withheld, resumesRefused);
    }

    private static Distribution dist(List<Double> ms) {
        return Distribution.of(ms.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A record of the stop in flight (its alert, the job's command, the confirmation), or not ours. */
    synchronized void onRecord(StopRecords.Seen seen) {
        Stop s = inFlight;
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
                case "retried" -> retried++;
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
        Stop s;
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
        Stop s = new Stop(Kind.AUTOMATIC, c, now);
        synchronized (this) {
            inFlight = s;
            autoSent++;
        }
        caseProbe.smoke(c.deviceId());
        LOG.info("stop probe: smoke at {} (port {} the hottest): waiting for the automatic stop", c.deviceId(),
                c.stopPort());
    }

    private void startPerson(CaseProbe.Charger c, long now) throws IOException, InterruptedException {
        Long caseId = caseOf(CaseWatcher.PORT_OVERLOAD_CATEGORY, c.deviceId());
        if (caseId == null) {
            return; // its first overload has not made a case yet; the next charger's turn
        }
        Stop s = new Stop(Kind.PERSON, c, System.currentTimeMillis());
        s.caseId = caseId;
        synchronized (this) {
            inFlight = s; // before the request: its confirmation may be read before the answer
        }
        HttpResponse<byte[]> res = command(caseId, c, "stop_port", false);
        synchronized (this) {
            if (res.statusCode() != 202) {
                inFlight = null;
                refused++;
                LOG.warn("stop probe: stop of {} port {} answered {}: {}", c.deviceId(), c.stopPort(),
                        res.statusCode(), new String(res.body(), StandardCharsets.UTF_8));
                nextAtMs = now + everyMs;
                return;
            }
            s.commandId = Json.tree(res.body()).path("commandId").asText();
            s.issuedAtMs = s.startedAtMs;
            personSent++;
        }
    }

    /** The stop in flight: confirmed by readings yet, then in the case yet, else given up on; then resumed. */
    private void follow(Stop s, long now) throws IOException, InterruptedException {
        boolean confirmed;
        boolean gaveUp = false;
        String why = null;
        synchronized (this) {
            confirmed = s.confirmedAtMs >= 0;
            if (s.withheld) {
                withheld++;
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
                missed.add(s.describe() + ": " + why);
                LOG.warn("stop probe: {}: {}", s.describe(), why);
            } else {
                record(s);
            }
            inFlight = null;
            nextAtMs = now + everyMs;
        }
        resume(s);
    }

    /** Whether the case's history has the readings' confirmation; looks the automatic stop's case up first. */
    private boolean inCase(Stop s) throws IOException, InterruptedException {
        if (s.caseId == null) {
            s.caseId = caseOf(CaseWatcher.FIRE_RISK_CATEGORY, s.charger.deviceId());
            if (s.caseId == null) {
                return false;
            }
        }
        long at = CaseWatcher.confirmedAt(get("/api/v1/cases/" + s.caseId), s.confirmedCommandId);
        synchronized (this) {
            s.inCaseAtMs = at;
        }
        return at >= 0;
    }

    /** The figures of a stop confirmed by readings (and, unless it took too long, in its case). Under the lock. */
    private void record(Stop s) {
        boolean auto = s.kind == Kind.AUTOMATIC;
        long arrived = caseProbe.stopArrivedAt(s.charger.deviceId());
        if (arrived < s.startedAtMs || s.confirmedByReadingTs < arrived) {
            // The port read off before this stop reached the charger: the job's confirmation says nothing of it.
            early.add(s.describe() + ": confirmed by the reading of " + Instant.ofEpochMilli(s.confirmedByReadingTs)
                    + (arrived < s.startedAtMs ? ", the stop not at the charger yet" : ", the stop at the charger at "
                    + Instant.ofEpochMilli(arrived)));
            LOG.warn("stop probe: {}", early.get(early.size() - 1));
            return;
        }
        if (s.issuedAtMs >= 0) {
            (auto ? autoToReadings : personToReadings).add((double) (s.confirmedAtMs - s.issuedAtMs));
            (auto ? autoToCharger : personToCharger).add((double) (arrived - s.issuedAtMs));
        }
        long from = auto ? s.alertAtMs : s.startedAtMs;
        if (s.inCaseAtMs >= 0 && from >= 0) {
            (auto ? autoToCase : personToCase).add((double) (s.inCaseAtMs - from));
        } else if (s.inCaseAtMs < 0) {
            missed.add(s.describe() + ": confirmed by readings, not in the case's history within "
                    + timeoutMs / 1000 + " s");
        }
        if (auto && (s.issuedAtMs < 0 || s.alertAtMs < 0)) {
            LOG.warn("stop probe: {} confirmed, but its {} was not read", s.describe(),
                    s.issuedAtMs < 0 ? "stop_port record" : "fire_risk alert");
        }
        LOG.info("stop probe: {} at the charger {} ms, confirmed by readings {} ms after it was issued, in the case "
                        + "{} ms after the {}", s.describe(), s.issuedAtMs < 0 ? "?" : arrived - s.issuedAtMs, s.issuedAtMs < 0 ? "?" : s.confirmedAtMs - s.issuedAtMs,
                s.inCaseAtMs < 0 || from < 0 ? "?" : s.inCaseAtMs - from, auto ? "alert" : "request");
    }

    /** Turns the port back on from the stop's case, as a person would, so the next turn starts from a charging port. */
    private void resume(Stop s) throws IOException, InterruptedException {
        Long caseId = s.caseId != null ? s.caseId : caseOf(CaseWatcher.FIRE_RISK_CATEGORY, s.charger.deviceId());
        if (caseId == null) {
            caseId = caseOf(CaseWatcher.PORT_OVERLOAD_CATEGORY, s.charger.deviceId());
        }
        HttpResponse<byte[]> res = caseId == null ? null : command(caseId, s.charger, "resume_port", true);
        if (res == null || res.statusCode() != 202) {
            synchronized (this) {
                resumesRefused++;
            }
            LOG.warn("stop probe: resume of {} port {} {}", s.charger.deviceId(), s.charger.stopPort(),
                    res == null ? "had no case to go through" : "answered " + res.statusCode() + ": "
                            + new String(res.body(), StandardCharsets.UTF_8));
        }
    }

    /** The charger's newest case of the category, or null while it has none. */
    private Long caseOf(String category, String deviceId) throws IOException, InterruptedException {
        for (JsonNode c : get("/api/v1/cases?category=" + category + "&limit=500").path("items")) {
            if (deviceId.equals(c.path("deviceId").asText())) {
                return c.path("id").asLong();
            }
        }
        return null;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> res = send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token).GET());
        if (res.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + res.statusCode());
        }
        return Json.tree(res.body());
    }

    private HttpResponse<byte[]> command(long caseId, CaseProbe.Charger c, String action, boolean override)
            throws IOException, InterruptedException {
        String body = "{\"action\":\"" + action + "\",\"deviceId\":" + Json.toString(c.deviceId()) + ",\"port\":"
                + c.stopPort() + ",\"reason\":\"bench stop probe\"" + (override ? ",\"override\":true" : "") + "}";
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/cases/" + caseId + "/commands"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        records.close();
    }
}
