package io.anju.bench.jobs.run;

import io.anju.bench.jobs.measure.AlertTail;
import io.anju.bench.jobs.measure.GcLog;
import io.anju.bench.jobs.measure.GcSummary;
import io.anju.bench.jobs.measure.LagSampler;
import io.anju.bench.jobs.measure.ProbeBook;
import io.anju.bench.jobs.measure.ProcessMeter;
import io.anju.bench.jobs.measure.ProgressWindow;
import io.anju.bench.jobs.measure.TaskUsage;
import io.anju.bench.jobs.traffic.DecodeCheck;
import io.anju.bench.jobs.traffic.Kind;
import io.anju.bench.jobs.traffic.Message;
import io.anju.bench.jobs.traffic.Traffic;
import io.anju.jobs.config.JobsSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Catch-up speed: the input topics are filled with a backlog first (device time in the past, in schedule order);
 * then the alerting job starts from the beginning. Its rate is how fast its source's {@code currentOffset}s advance
 * (sampled every second) between 10 % and 90 % of the backlog, leaving out the start-up and the drain at the end;
 * the time to drain the whole backlog is reported as well.
 */
public final class BacklogRun {
    private static final long PROGRESS_MS = 5_000;
    private static final Duration GIVE_UP = Duration.ofMinutes(30);

    private record Prefill(double seconds, long chargers) {
    }

    private final RunConfig config;
    private final Consumer<String> progress;

    public BacklogRun(RunConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    public BacklogResult run(long events, int overloadEvery) throws Exception {
        try (BenchRig rig = BenchRig.start(config.workDir(), config.loadChargers(), config.seed())) {
            Traffic traffic = new Traffic(rig.registry(), overloadEvery, config.seed());
            DecodeCheck.verify(traffic);
            JobsSettings settings = rig.settings(config.parallelism(), config.checkpointInterval(),
                    config.bufferTimeout());
            RunSetup setup = RunSetup.of(settings, config.loadChargers(), traffic, overloadEvery,
                    rig.inputPartitions(), config.compression());
            ProbeBook probes = new ProbeBook();
            Prefill prefill = prefill(rig, traffic, events, probes);
            try (AlertTail tail = new AlertTail(rig.bootstrap(), probes);
                 ProcessMeter meter = new ProcessMeter()) {
                long submitted = System.currentTimeMillis();
                try (MeasuredJob job = MeasuredJob.start(rig, settings)) {
                    progress.accept(String.format("backlog: alerting job submitted; reading %,d envelopes from the "
                            + "beginning", events));
                    return catchUp(setup, events, prefill, submitted, job.lag(), meter, probes, tail);
                }
            }
        }
    }

    private Prefill prefill(BenchRig rig, Traffic traffic, long events, ProbeBook probes) {
        double perSecond = traffic.perSecond().values().stream().mapToDouble(Double::doubleValue).sum();
        long origin = System.currentTimeMillis() - (long) (events / perSecond * 1000);
        progress.accept(String.format("backlog: writing %,d envelopes from %,d devices (%.0f per device-second, "
                + "%.1f h of device time)", events, traffic.devices(), perSecond, events / perSecond / 3600));
        long start = System.nanoTime();
        long lastPrint = start;
        long chargers = 0;
        try (KafkaProducer<byte[], byte[]> producer = rig.producer(20, 256 * 1024, config.compression())) {
            for (long i = 0; i < events; i++) {
                Message m = traffic.nextScheduled(origin);
                if (m.overload()) {
                    probes.sent(m.deviceId(), m.overloadPort(), m.ts());
                }
                if (m.kind() == Kind.CHARGER) {
                    chargers++;
                }
                producer.send(new ProducerRecord<>(m.topic(), m.key(), m.value()));
                if ((i & 0x3FF) == 0 && System.nanoTime() - lastPrint >= PROGRESS_MS * 1_000_000) {
                    lastPrint = System.nanoTime();
                    progress.accept(String.format("backlog: written %,d of %,d", i, events));
                }
            }
            producer.flush();
        }
        double took = (System.nanoTime() - start) / 1e9;
        progress.accept(String.format("backlog: written in %.1f s (%,.0f/s); %,d overload readings in it", took,
                events / took, probes.in(Long.MIN_VALUE, Long.MAX_VALUE).sent()));
        return new Prefill(took, chargers);
    }

    private BacklogResult catchUp(RunSetup setup, long events, Prefill prefill, long submitted, LagSampler lag,
                                  ProcessMeter meter, ProbeBook probes, AlertTail tail) throws InterruptedException {
        ProgressWindow window = new ProgressWindow(events, 0.10, 0.90);
        LagSampler.Sample atFrom = null;
        LagSampler.Sample atTo = null;
        ProcessMeter.Usage usage = null;
        long gcFrom = 0;
        GcSummary gc = null;
        int seen = 0;
        LagSampler.Sample last = null;
        LagSampler.Sample printed = null;
        double drained = Double.NaN;
        long deadline = submitted + GIVE_UP.toMillis();
        while (Double.isNaN(drained) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            List<LagSampler.Sample> samples = lag.samples();
            for (; seen < samples.size(); seen++) {
                last = samples.get(seen);
                boolean started = window.started();
                boolean done = window.done();
                window.sample(last.atMs() * 1_000_000, last.job().consumed());
                if (!started && window.started()) {
                    atFrom = last;
                    meter.start();
                    gcFrom = GcLog.uptimeMs();
                }
                if (!done && window.done()) {
                    atTo = last;
                    usage = meter.stop();
                    long gcTo = GcLog.uptimeMs();
                    long from = gcFrom;
                    gc = GcLog.ofThisJvm().map(g -> g.between(from, gcTo)).orElse(null);
                }
                if (last.job().consumed() >= events && Double.isNaN(drained)) {
                    drained = (last.atMs() - submitted) / 1000.0;
                }
            }
            if (last != null && (printed == null || last.atMs() - printed.atMs() >= PROGRESS_MS)) {
                progress.accept(progressLine(last, printed, events, submitted));
                printed = last;
            }
        }
        if (Double.isNaN(drained)) {
            progress.accept(String.format("backlog: gave up after %d minutes", GIVE_UP.toMinutes()));
        }
        awaitAlerts(probes, tail);
        List<TaskUsage> tasks = atFrom == null || atTo == null ? null
                : TaskUsage.between(atFrom.job(), atTo.job(), (atTo.atMs() - atFrom.atMs()) / 1000.0);
        ProbeBook.Answers answers = probes.in(Long.MIN_VALUE, Long.MAX_VALUE);
        return new BacklogResult(setup, events, prefill.chargers(), prefill.seconds(), window.ratePerSecond(),
                window.seconds(), drained, tasks, usage, gc, answers, probes.unmatched(), tail.counts(),
                last == null ? 0 : last.job().undecodable(), last == null ? 0 : last.job().clockCorrected());
    }

    private static String progressLine(LagSampler.Sample now, LagSampler.Sample before, long events,
                                       long submitted) {
        long consumed = now.job().consumed();
        String rate = before == null ? ""
                : String.format("  %,9.0f envelopes/s over the last %.0f s",
                (consumed - before.job().consumed()) / ((now.atMs() - before.atMs()) / 1000.0),
                (now.atMs() - before.atMs()) / 1000.0);
        return String.format("backlog: %5.1f s  consumed %,11d / %,d (%3.0f %%)%s", (now.atMs() - submitted) / 1000.0,
                consumed, events, 100.0 * consumed / events, rate);
    }

    /** Until every overload reading was answered, or no alert came for 3 s; at most 30 s. */
    private static void awaitAlerts(ProbeBook probes, AlertTail tail) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            ProbeBook.Answers a = probes.in(Long.MIN_VALUE, Long.MAX_VALUE);
            long now = System.currentTimeMillis();
            if (a.raised() >= a.sent() || now - Math.max(quietSince, tail.lastArrivalMs()) > 3_000) {
                return;
            }
            Thread.sleep(100);
        }
    }
}
