package io.anju.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads, through the case service's REST API as a signed-in district operator, when the case system committed each
 * alert revision of the probe chargers: {@code GET /api/v1/cases?category=02-01} for the port-overload cases, and
 * {@code GET /api/v1/cases/{id}} for each probe charger's case whose {@code version} changed since the last look. The
 * case history's entries for an alert revision ({@code created}, {@code alert_update}, {@code alert_cleared}) carry
 * {@code data.alertId} and {@code data.revision}, and {@code at}: the case service's clock, read inside the
 * transaction that applied the revision (the same instant as {@code received_at} of its {@code alert_receipts} row),
 * microseconds before that transaction commits. Polled every {@value #POLL_MS} ms.
 */
final class CaseWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaseWatcher.class);
    static final long POLL_MS = 2_000;
    /** The category of {@code port_overload} cases (docs/cases.md). */
    static final String PORT_OVERLOAD_CATEGORY = "02-01";
    /** The category of {@code fire_risk} cases at a charging station (docs/cases.md). */
    static final String FIRE_RISK_CATEGORY = "01-01";

    /** One history entry for an alert revision. */
    record Applied(String alertId, int revision, long atMicros) {
    }

    private final CaseApi api;
    private final Set<String> devices;
    private final ProbeLedger ledger;
    private final Map<Long, Integer> versions = new HashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-case-watcher");
        t.setDaemon(true);
        return t;
    });

    CaseWatcher(String casesUrl, Set<String> probeDevices, ProbeLedger ledger) {
        this.api = new CaseApi(casesUrl);
        this.devices = Set.copyOf(probeDevices);
        this.ledger = ledger;
    }

    void signIn(String name, String password) throws IOException, InterruptedException {
        api.signIn(name, password);
    }

    void start() {
        timer.scheduleWithFixedDelay(this::pollQuietly, 0, POLL_MS, TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            LOG.debug("case poll failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One look: the probe chargers' cases that changed, their history into the ledger. */
    synchronized void poll() throws IOException, InterruptedException {
        JsonNode page = api.get("/api/v1/cases?category=" + PORT_OVERLOAD_CATEGORY + "&limit=500");
        for (JsonNode c : page.path("items")) {
            long id = c.path("id").asLong();
            int version = c.path("version").asInt();
            if (!devices.contains(c.path("deviceId").asText()) || Integer.valueOf(version).equals(versions.get(id))) {
                continue;
            }
            for (Applied a : applied(api.get("/api/v1/cases/" + id))) {
                ledger.committed(a.alertId(), a.revision(), a.atMicros());
            }
            versions.put(id, version);
        }
    }

    /** The history entries of a case detail ({@code {case, history, allowedActions}}) that apply an alert revision. */
    static List<Applied> applied(JsonNode detail) {
        List<Applied> out = new ArrayList<>();
        for (JsonNode e : detail.path("history")) {
            JsonNode data = e.path("data");
            if (!data.path("alertId").isTextual() || !data.path("revision").isIntegralNumber()) {
                continue;
            }
            Instant at = Instant.parse(e.path("at").asText());
            out.add(new Applied(data.path("alertId").asText(), data.path("revision").asInt(),
                    at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000));
        }
        return out;
    }

    /**
     * When the case's history filed the readings' confirmation of stop {@code commandId} (a {@code command} entry,
     * {@code data.source} {@code confirmation}, outcome {@code confirmed}): its {@code at} in epoch ms, the case
     * service's clock inside the transaction that filed it; -1 while it has not.
     */
    static long confirmedAt(JsonNode detail, String commandId) {
        for (JsonNode e : detail.path("history")) {
            JsonNode data = e.path("data");
            if ("command".equals(e.path("kind").asText()) && "confirmation".equals(data.path("source").asText())
                    && "confirmed".equals(data.path("outcome").asText())
                    && commandId.equals(data.path("commandId").asText())) {
                return Instant.parse(e.path("at").asText()).toEpochMilli();
            }
        }
        return -1;
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
