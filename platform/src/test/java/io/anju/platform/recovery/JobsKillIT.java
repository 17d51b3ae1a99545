package io.anju.platform.recovery;

import io.anju.cases.auth.cli.UserDemoCommand;
import io.anju.cases.routing.CategoryTable;
import io.anju.common.alert.Alert;
import io.anju.common.alert.Severity;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.run.RestorePoints;
import io.anju.jobs.topology.AlertsJob;
import io.anju.sim.run.SimStats;
import io.anju.sim.run.Simulation;
import io.anju.sim.run.SimulationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.anju.platform.recovery.BusyEvening.LENGTH_MS;
import static io.anju.platform.recovery.BusyEvening.MINUTE;
import static io.anju.platform.recovery.BusyEvening.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The figure "alerts after a kill -9 of the jobs mid-load: each revision applied exactly once by the case system and
 * shown once by the dashboards". The real gateway with its embedded Kafka, the case service with its embedded
 * PostgreSQL, the dashboards with a district operator reading {@code /api/live} all along, the simulator playing a
 * busy evening at 120×, and the stream jobs in a JVM of their own ({@code JobsMain}, checkpoints every 10 s).
 * <p>
 * Right after a checkpoint, once the alerting job has written alerts since, the jobs JVM gets a SIGKILL; the devices
 * go on publishing; a new JVM restores the job from that checkpoint, and it writes those alerts again (same id and
 * revision). Then the topic holds repeats, and still: the case system applied every {@code (alert id, revision)} once
 * and its cases end as the alerts do; the dashboards published every revision once and end showing what the topic
 * leaves open.
 */
class JobsKillIT {
    private static final Logger LOG = LoggerFactory.getLogger(JobsKillIT.class);
    /** Kill at most this long after a checkpoint completed: well before the next one (every 10 s). */
    private static final Duration KILL_WITHIN = Duration.ofSeconds(6);
    /** Alerts the job must have written since that checkpoint: the restored job writes them again. */
    private static final int WRITTEN_SINCE_CHECKPOINT = 3;
    /** Tries for a checkpoint followed by such alerts, one checkpoint interval each. */
    private static final int TRIES = 6;

    /** The checkpoint the jobs JVM was killed after, when it completed and when the kill came (wall clock, ms). */
    private record Kill(Path checkpoint, long checkpointAt, long at) {
    }

    @Test
    void jobsKilledMidLoad_eachRevisionAppliedOnceByTheCases_andShownOnceByTheDashboards(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        try (ServicesUnderTest platform = ServicesUnderTest.start(dir);
             AlertsLog topic = new AlertsLog(platform.kafka());
             LiveAlerts live = LiveAlerts.watch(platform.dashboardsUrl(), ServicesUnderTest.OPERATOR,
                     UserDemoCommand.DEMO_PASSWORD)) {
            BusyEvening evening = new BusyEvening(platform.registry);
            Simulation sim = SimulationFactory.create(platform.registry, platform.secrets,
                    evening.run(platform.mqttUri(), dir.resolve("plan.json"), dir.resolve("ground-truth.jsonl")),
                    new SimStats());
            platform.receiveClock.follow(sim.clock()::now);
            AtomicBoolean simRuns = new AtomicBoolean(true);
            Runnable stopSim = () -> {
                if (simRuns.getAndSet(false)) {
                    sim.close();
                }
            };
            Path jobsData = dir.resolve("jobs");
            LOG.info("the jobs JVMs log to {}", dir);
            List<String> jobsArgs = jobsArgs(platform, jobsData);
            Path checkpoints = JobsSettings.checkpointDir(jobsData).resolve(AlertsJob.NAME);
            Kill kill;
            try {
                try (JobsProcess first = JobsProcess.start(dir.resolve("jobs-1.log"), jobsArgs)) {
                    first.awaitSubmitted(Duration.ofSeconds(90));
                    sim.start();
                    await().atMost(Duration.ofSeconds(60)).until(() -> sim.clock().now() >= START + 30 * MINUTE);
                    kill = killRightAfterACheckpoint(first, checkpoints, topic);
                }
                long killedAt = sim.clock().now();
                LOG.info("jobs killed at simulated +{} min, right after {}, {} alert records in the topic",
                        (killedAt - START) / MINUTE, kill.checkpoint().getFileName(), topic.all().size());
                // The devices go on publishing while the jobs are down: 10 simulated minutes, 5 s.
                await().atMost(Duration.ofSeconds(30)).until(() -> sim.clock().now() >= killedAt + 10 * MINUTE);

                try (JobsProcess second = JobsProcess.start(dir.resolve("jobs-2.log"), jobsArgs)) {
                    second.awaitSubmitted(Duration.ofSeconds(90));
                    assertThat(second.continuedFrom()).as("the new jobs JVM restores the checkpoint before the kill")
                            .contains(kill.checkpoint());
                    await().atMost(Duration.ofSeconds(120)).until(() -> sim.clock().now() >= START + LENGTH_MS);
                    stopSim.run();
                    // The new JVM may still be catching up (a loaded machine starts it slowly): all input read first.
                    try (JobsProgress progress = new JobsProgress(platform.kafka(),
                            alertsGroup(platform, jobsData))) {
                        await("the restored job read all the input").atMost(Duration.ofSeconds(120))
                                .pollInterval(Duration.ofSeconds(1)).until(() -> progress.behind() == 0);
                    }
                    await().atMost(Duration.ofSeconds(60)).until(() -> topic.quietFor(Duration.ofSeconds(6)));
                    awaitReadersCaughtUp(topic, platform, live);
                }
            } finally {
                stopSim.run();
            }
            check(topic, platform.caseLedger(), live, kill);
        }
    }

    private static List<String> jobsArgs(ServicesUnderTest platform, Path jobsData) {
        // At 120×, the wall-clock knobs of event time shrink as in the stream jobs' scenario tests.
        return List.of("--bootstrap", platform.kafka().bootstrapServers(),
                "--kafka-client-config", platform.kafkaClientConfig(), "--registry", platform.registryFile.toString(),
                "--data-dir", jobsData.toString(), "--quiet-after", "500ms", "--out-of-orderness", "30s",
                "--clock-tolerance", "30m", "--stop-confirm-within", "30m", "--checkpoint-interval", "10s",
                "--http-port", "0", "--metrics-port", "0");
    }

    private static String alertsGroup(ServicesUnderTest platform, Path jobsData) {
        return JobsSettings.defaults(platform.registryFile, jobsData).groupPrefix() + "-alerts";
    }

    /**
     * Waits for a checkpoint after which the job writes, within {@link #KILL_WITHIN}, at least
     * {@link #WRITTEN_SINCE_CHECKPOINT} alerts, among them a whole episode up to its clear; kills the jobs JVM then and
     * returns that checkpoint. An alert the job emitted after the checkpoint completed (its {@code emittedAt} on this
     * machine's clock, later than the checkpoint's metadata file) was emitted after the checkpoint's barrier, so the
     * restored job emits it again: the cleared episode's raise too, after its clear.
     */
    private static Kill killRightAfterACheckpoint(JobsProcess jobs, Path checkpoints, AlertsLog topic)
            throws Exception {
        Path before = newest(checkpoints);
        for (int attempt = 0; attempt < TRIES; attempt++) {
            Path previous = before;
            Path checkpoint = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> newest(checkpoints), p -> p != null && !p.equals(previous));
            long completedAt = Files.getLastModifiedTime(checkpoint.resolve("_metadata")).toMillis();
            long killBy = completedAt + KILL_WITHIN.toMillis();
            await().atMost(KILL_WITHIN.plusSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> enoughSince(topic, completedAt) || System.currentTimeMillis() >= killBy);
            if (enoughSince(topic, completedAt) && System.currentTimeMillis() < killBy) {
                jobs.kill();
                long killedAt = System.currentTimeMillis();
                LOG.info("killed the jobs JVM {} ms after {} completed, {} alerts written since",
                        System.currentTimeMillis() - completedAt, checkpoint.getFileName(),
                        topic.emittedAfter(completedAt));
                assertThat(newest(checkpoints)).as("no later checkpoint completed before the kill")
                        .isEqualTo(checkpoint);
                return new Kill(checkpoint, completedAt, killedAt);
            }
            before = checkpoint;
        }
        throw new AssertionError("no checkpoint was followed by " + WRITTEN_SINCE_CHECKPOINT + " alerts and a "
                + "cleared episode within " + KILL_WITHIN + " in " + TRIES + " tries");
    }

    private static boolean enoughSince(AlertsLog topic, long wallMs) {
        return topic.emittedAfter(wallMs) >= WRITTEN_SINCE_CHECKPOINT && topic.episodeClosedAfter(wallMs);
    }

    /** The newest completed checkpoint; Flink deleting an older one meanwhile is no failure. */
    private static Path newest(Path checkpoints) {
        try {
            return RestorePoints.latest(checkpoints).orElse(null);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static void awaitReadersCaughtUp(AlertsLog topic, ServicesUnderTest platform, LiveAlerts live)
            throws IOException {
        Set<String> distinct = revisions(topic.distinct());
        CaseLedger cases = platform.caseLedger();
        await("the case system and the dashboards have every revision").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> cases.receipts().containsAll(distinct)
                        && new HashSet<>(live.shown()).containsAll(distinct));
    }

    private static void check(AlertsLog topic, CaseLedger cases, LiveAlerts live, Kill kill) throws Exception {
        List<Alert> records = topic.all();
        Set<String> distinct = revisions(topic.distinct());
        Set<String> receipts = cases.receipts();
        Map<String, Integer> events = cases.eventsPerRevision();
        List<String> shown = live.shown();
        Set<String> leftOpen = topic.leftOpen();
        // Revisions the killed JVM wrote after its checkpoint that the restored job did not write again: it derived
        // those episodes differently (another id). Every reader must still end as the topic does.
        List<String> notAgain = topic.writtenOnce(kill.checkpointAt(), kill.at());
        LOG.info("kill test: the killed JVM wrote {} revisions after its checkpoint completed, {} of them not written "
                + "again {}", topic.emittedWithin(kill.checkpointAt(), kill.at()), notAgain.size(), notAgain);
        List<String> otherwise = topic.repeatsThatDiffer(AlertsLog::withoutEmission).stream()
                .map(pair -> AlertsLog.revision(pair.get(0))).toList();
        LOG.info("kill test: {} repeats differ from their first copy in evidence, summary or last event time {}",
                otherwise.size(), otherwise);
        LOG.info("kill test: {} alert records, {} of them repeats ({} of an episode already cleared), {} distinct "
                        + "revisions of {} alerts; the case system applied {} ({} case events); the dashboards "
                        + "showed {} ({} distinct); {} open at the end",
                records.size(), records.size() - distinct.size(), topic.repeatsAfterTheirClear(), distinct.size(),
                topic.distinct().stream().map(Alert::id).distinct().count(), receipts.size(),
                events.values().stream().mapToInt(Integer::intValue).sum(), shown.size(),
                new HashSet<>(shown).size(), leftOpen.size());

        assertThat(records.size() - distinct.size()).as("revisions written twice: the kill made the job repeat")
                .isPositive();
        assertThat(topic.repeatsAfterTheirClear()).as("repeated raises or updates of episodes already cleared")
                .isPositive();
        assertThat(topic.repeatsThatDiffer(JobsKillIT::whatReadersActOn))
                .as("a repeat decides what its first copy, the one readers apply, decided").isEmpty();
        assertThat(topic.finalRevisions().values()).as("no charger alert left open: every overload of the plan ended "
                        + "10 simulated minutes before the end (an episode orphaned by the restart would stay open)")
                .filteredOn(Alert::open).allMatch(a -> a.type().wireName().startsWith("crowd_"));

        assertThat(new TreeSet<>(receipts)).as("every revision applied by the case system")
                .isEqualTo(new TreeSet<>(distinct));
        assertThat(new TreeSet<>(events.keySet())).as("a case history entry for every revision")
                .isEqualTo(new TreeSet<>(distinct));
        assertThat(events).as("no revision applied twice").allSatisfy((revision, n) -> assertThat(n).isEqualTo(1));
        assertThat(cases.casesPerKey()).as("one case per dedup key").allSatisfy((key, n) -> assertThat(n).isEqualTo(1))
                .containsOnlyKeys(topic.finalRevisions().keySet());
        Map<String, CaseLedger.CaseRow> byKey = cases.casesByKey();
        Map<String, Severity> highest = new HashMap<>();
        topic.distinct().forEach(a -> highest.merge(a.dedupKey(), a.severity(), Severity::max));
        CategoryTable categories = CategoryTable.defaults();
        topic.finalRevisions().forEach((key, last) -> assertThat(byKey.get(key)).as("the case of %s", key)
                .isEqualTo(new CaseLedger.CaseRow(last.id(), last.status().wireName(),
                        expectedState(categories, last, highest.get(key)))));

        assertThat(live.reading()).as("the live stream was never dropped").isTrue();
        assertThat(shown).as("no revision shown twice").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(shown)).as("every revision (each changed what is open) shown")
                .isEqualTo(new TreeSet<>(distinct));
        assertThat(new TreeSet<>(live.active())).as("the dashboards' open alerts are the ones the topic leaves open")
                .isEqualTo(new TreeSet<>(leftOpen));
    }

    /**
     * Where the case of an alert stands after its last revision: the response its highest severity asks for (a blue
     * crowd warning is only watched, and closes itself when cleared; a case waits for a centre's check once cleared).
     */
    private static String expectedState(CategoryTable categories, Alert last, Severity highest) {
        return switch (categories.forAlert(last.type(), null).response(highest)) {
            case CASE -> last.open() ? "collected" : "feedback_submitted";
            case WATCH -> last.open() ? "watching" : "closed";
            case NOTICE -> "noticed";
        };
    }

    /**
     * What a reader decides on: open or not, how severe, what to do. A restored job reads the gateway's topics
     * interleaved otherwise than live (telemetry and events), so a repeat may carry other evidence.
     */
    private static List<Object> whatReadersActOn(Alert a) {
        return List.of(a.dedupKey(), a.status(), a.severity(), String.valueOf(a.recommendedAction()));
    }

    private static Set<String> revisions(List<Alert> alerts) {
        Set<String> out = new HashSet<>();
        alerts.forEach(a -> out.add(AlertsLog.revision(a)));
        return out;
    }
}
